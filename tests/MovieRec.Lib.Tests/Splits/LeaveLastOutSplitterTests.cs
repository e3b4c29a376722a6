using MovieRec.Splits;
using static MovieRec.Tests.Splits.SplitTestData;

namespace MovieRec.Tests.Splits;

public class LeaveLastOutSplitterTests
{
    [Fact]
    public void LeavesTheLatestRatingOfEachUserOut()
    {
        var input = Table((1, 10, 4f, 300), (1, 11, 4f, 100), (2, 20, 4f, 50), (2, 21, 4f, 60), (3, 30, 4f, 10));
        var split = LeaveLastOutSplitter.Split(input);
        Assert.Equal([10, 21], split.Test.MovieIds);
        Assert.Equal([11, 20, 30], split.Train.MovieIds); // user 3 has one rating: stays in train
        AssertPartition(input, split);
    }

    [Fact]
    public void UsersWithKOrFewerRatingsStayInTrain()
    {
        var input = Table((1, 1, 1f, 1), (1, 2, 1f, 2), (2, 3, 1f, 1), (2, 4, 1f, 2), (2, 5, 1f, 3));
        var split = LeaveLastOutSplitter.Split(input, count: 2);
        Assert.Equal([4, 5], split.Test.MovieIds);
        Assert.DoesNotContain(1, split.Test.UserIds);
    }

    [Fact]
    public void GuaranteesHoldOnARandomTable()
    {
        var input = Random(users: 100, maxPerUser: 15, seed: 10);
        var split = LeaveLastOutSplitter.Split(input, count: 3);
        AssertPartition(input, split);
        AssertTestUsersInTrain(split);
        AssertTestNotBeforeTrain(split);
        var test = CountsByUser(split.Test);
        foreach (var (user, n) in CountsByUser(input))
        {
            Assert.Equal(n <= 3 ? 0 : 3, test.GetValueOrDefault(user));
        }
    }

    [Fact]
    public void RejectsCountBelowOne()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => LeaveLastOutSplitter.Split(Table((1, 1, 1f, 1)), 0));
        Assert.Equal("options", error.ParamName);
    }
}
