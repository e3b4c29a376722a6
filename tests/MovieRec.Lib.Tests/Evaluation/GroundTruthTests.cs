using MovieRec.Data;
using MovieRec.Evaluation;

namespace MovieRec.Tests.Evaluation;

public sealed class GroundTruthTests
{
    [Fact]
    public void FromRowsSortsEachRowKeepingGradesAligned()
    {
        var truth = GroundTruth.FromRows([7], [[30, 10, 20]], [[3f, 1f, 2f]]);

        Assert.Equal([10, 20, 30], truth.MovieIdsAt(0).ToArray());
        Assert.Equal([1f, 2f, 3f], truth.GradesAt(0).ToArray());
        Assert.Equal(3, truth.LongestRow);
    }

    [Fact]
    public void FromRatingsKeepsRatingsAtOrAboveThresholdGradedByStars()
    {
        var test = new RatingsTable([2, 1, 1, 2, 3], [50, 10, 20, 60, 70], [4f, 3.5f, 5f, 2f, 1f], [0, 0, 0, 0, 0]);

        var truth = GroundTruth.FromRatings(test, minimumRating: 3.5f);

        Assert.Equal([1, 2], truth.UserIds);
        Assert.Equal([10, 20], truth.MovieIdsAt(0).ToArray());
        Assert.Equal([3.5f, 5f], truth.GradesAt(0).ToArray());
        Assert.Equal([50], truth.MovieIdsAt(1).ToArray());
    }

    [Fact]
    public void DuplicateRelevantMovieIsAnError()
    {
        var error = Assert.Throws<ArgumentException>(() => GroundTruth.FromRows([1], [[5, 5]]));
        Assert.Contains("movie 5", error.Message);
    }

    [Fact]
    public void DuplicateUserIsAnError()
    {
        Assert.Throws<ArgumentException>(() => GroundTruth.FromRows([1, 1], [[5], [6]]));
    }

    [Fact]
    public void NonPositiveGradeIsAnError()
    {
        var error = Assert.Throws<ArgumentException>(() => GroundTruth.FromRows([1], [[5]], [[0f]]));
        Assert.Equal("grades", error.ParamName);
    }
}
