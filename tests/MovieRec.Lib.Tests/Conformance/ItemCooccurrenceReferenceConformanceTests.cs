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

/// <summary>The suite on a model that is also an <see cref="IRatingPredictor"/>, so the rating fact runs its checks.</summary>
public sealed class UserMeanRatingReferenceConformanceTests : RecommenderConformanceTests
{
    protected override IRecommender CreateModel() => new UserMeanRatingReference();

    [Fact]
    public void PredictsUserMeanOrGlobalMean()
    {
        var fixture = CreateFixture();
        var model = new UserMeanRatingReference();
        model.Fit(fixture.Train);

        var predictions = model.PredictRatings([1, CheckerboardFixture.UnknownUserId], [101, 101]);

        var ratings = fixture.Train.Ratings;
        var userOne = Enumerable.Range(0, ratings.Count).Where(i => ratings.UserIds[i] == 1).Average(i => ratings.Ratings[i]);
        Assert.Equal(userOne, predictions[0], 5);
        Assert.Equal(ratings.Ratings.Average(), predictions[1], 5);
    }
}
