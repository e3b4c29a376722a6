using MovieRec.Models;

namespace MovieRec.Tests.Conformance;

/// <summary>Runs the whole conformance suite against the reference model, proving the suite passes for a correct model.</summary>
public sealed class ItemCooccurrenceReferenceConformanceTests : RecommenderConformanceTests
{
    protected override IRecommender CreateModel() => new ItemCooccurrenceReference();
}

/// <summary>The same suite on a larger checkerboard, to show fixtures can be scaled for data-hungry models.</summary>
public sealed class ItemCooccurrenceReferenceLargeFixtureConformanceTests : RecommenderConformanceTests
{
    protected override IRecommender CreateModel() => new ItemCooccurrenceReference();

    protected override CheckerboardFixture CreateFixture() =>
        CheckerboardFixture.Build(groupAUsers: 40, groupBUsers: 25, itemsPerBlock: 12);
}
