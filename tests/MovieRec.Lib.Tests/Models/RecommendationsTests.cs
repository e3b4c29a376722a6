using MovieRec.Models;

namespace MovieRec.Tests.Models;

public sealed class RecommendationsTests
{
    [Fact]
    public void FromRowsBuildsTheFlatLayout()
    {
        var result = Recommendations.FromRows([7, 8, 9], [[1, 2], [], [3]], [[0.9f, 0.5f], [], [0.1f]]);

        Assert.Equal([0, 2, 2, 3], result.Offsets);
        Assert.Equal([1, 2, 3], result.MovieIds);
        Assert.Equal(0, result.RowLength(1));
        Assert.Equal([0.1f], result.ScoresAt(2).ToArray());
    }

    [Fact]
    public void FromStridedCompactsRows()
    {
        var result = Recommendations.FromStrided([1, 2], stride: 3, lengths: [1, 3], [5, 0, 0, 6, 7, 8], [1f, 0, 0, 3f, 2f, 1f]);

        Assert.Equal([5, 6, 7, 8], result.MovieIds);
        Assert.Equal([6, 7, 8], result.MovieIdsAt(1).ToArray());
    }

    [Fact]
    public void InvalidLayoutIsAnError()
    {
        Assert.Throws<ArgumentException>(() => new Recommendations([1], [0, 2], [5], [1f]));
        Assert.Throws<ArgumentException>(() => new Recommendations([1, 2], [0, 1, 0], [5], [1f]));
        Assert.Throws<ArgumentException>(() => new Recommendations([1], [0, 1], [5], []));
    }
}
