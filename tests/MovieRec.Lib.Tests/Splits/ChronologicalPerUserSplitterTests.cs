using MovieRec.Splits;
using static MovieRec.Tests.Splits.SplitTestData;

namespace MovieRec.Tests.Splits;

public class ChronologicalPerUserSplitterTests
{
    [Fact]
    public void LatestRatingsOfEachUserGoToTest()
    {
        var input = Table(
            (1, 10, 4f, 500), (2, 20, 3f, 100), (1, 11, 5f, 100), (1, 12, 2f, 300), (1, 13, 1f, 400),
            (2, 21, 3f, 50), (2, 22, 3f, 200), (2, 23, 3f, 150));
        var split = ChronologicalPerUserSplitter.Split(input, 0.5);
        // user 1: times 100,300,400,500 → 400 and 500 to test; user 2: 50,100,150,200 → 150 and 200.
        Assert.Equal([10, 13, 22, 23], split.Test.MovieIds.Order().ToArray());
        Assert.Equal([10, 13, 22, 23], split.Test.MovieIds); // input order kept: rows 0, 4, 6, 7
        AssertPartition(input, split);
    }

    [Fact]
    public void EqualTimestampsAreOrderedByInputRow()
    {
        // Four ratings at the same second: the later rows count as later, so rows 2 and 3 go to test.
        var input = Table((1, 100, 1f, 7), (1, 101, 1f, 7), (1, 102, 1f, 7), (1, 103, 1f, 7));
        var split = ChronologicalPerUserSplitter.Split(input, 0.5);
        Assert.Equal([102, 103], split.Test.MovieIds);
    }

    [Fact]
    public void TiesWithinAnUnsortedUserStillFollowRowOrder()
    {
        var input = Table((1, 1, 1f, 9), (1, 2, 1f, 5), (1, 3, 1f, 9), (1, 4, 1f, 9), (1, 5, 1f, 1));
        // Chronological order: 5(t1), 2(t5), then t9 ties by row: 1, 3, 4. 40% of 5 = 2 → movies 3 and 4.
        var split = ChronologicalPerUserSplitter.Split(input, 0.4);
        Assert.Equal([3, 4], split.Test.MovieIds);
    }

    [Fact]
    public void GuaranteesHoldOnARandomTable()
    {
        var input = Random(users: 120, maxPerUser: 30, seed: 8);
        var split = ChronologicalPerUserSplitter.Split(input);
        AssertPartition(input, split);
        AssertTestUsersInTrain(split);
        AssertTestNotBeforeTrain(split);
        var total = CountsByUser(input);
        var test = CountsByUser(split.Test);
        foreach (var (user, n) in total)
        {
            Assert.Equal(StratifiedPerUserSplitter.TestCountForUser(n, 0.25), test.GetValueOrDefault(user));
        }
    }

    [Fact]
    public void IsDeterministic()
    {
        var input = Random(users: 50, maxPerUser: 20, seed: 9);
        Assert.True(SameRows(ChronologicalPerUserSplitter.Split(input).Test, ChronologicalPerUserSplitter.Split(input).Test));
    }

    [Fact]
    public void RealMlLatestSmallTestIsNeverEarlierThanTrain()
    {
        var input = MlLatestSmall();
        var split = ChronologicalPerUserSplitter.Split(input);
        AssertPartition(input, split);
        AssertTestNotBeforeTrain(split);
        AssertTestUsersInTrain(split);
    }
}
