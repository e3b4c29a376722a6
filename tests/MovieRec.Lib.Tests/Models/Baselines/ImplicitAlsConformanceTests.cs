using MovieRec.Models;
using MovieRec.Models.Baselines;
using MovieRec.Tests.Conformance;

namespace MovieRec.Tests.Models.Baselines;

/// <summary>
/// The conformance suite on ImplicitAls. The checkerboard has two user groups, so a few factors suffice;
/// with as many factors as users the model could fit the held-out zeros exactly, and regularisation is
/// what makes it generalise to the held-out cell (as on real data, where the tuned λ is large).
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class ImplicitAlsConformanceTests : RecommenderConformanceTests
{
    protected override IRecommender CreateModel() =>
        new ImplicitAls(new ImplicitAlsOptions { Factors = 4, Regularization = 1f, Alpha = 10f, Iterations = 15, Seed = 3 });
}

/// <summary>The suite with the library defaults, on a larger checkerboard.</summary>
[Collection(TorchCollection.Name)]
public sealed class ImplicitAlsDefaultOptionsConformanceTests : RecommenderConformanceTests
{
    protected override IRecommender CreateModel() => new ImplicitAls();

    protected override CheckerboardFixture CreateFixture() =>
        CheckerboardFixture.Build(groupAUsers: 40, groupBUsers: 25, itemsPerBlock: 12);
}
