using MovieRec.Models;
using MovieRec.Models.Sequences;
using MovieRec.Tests.Conformance;
using MovieRec.Training;

namespace MovieRec.Tests.Models.Sequences;

/// <summary>
/// The conformance suite on the transformer with a tiny, fast configuration. The checkerboard has no
/// meaningful order (its timestamps only follow the row order), but every history stays inside one block, so
/// predicting "the next movie" means predicting a movie of the user's block: the full known-answer
/// requirements apply.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class TransformerConformanceTests : RecommenderConformanceTests
{
    protected override IRecommender CreateModel() => new TransformerRecommender(SequentialFixtures.TinyOptions(epochs: 60));
}
