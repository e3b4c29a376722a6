using MovieRec.Data;
using MovieRec.Splits;
using static MovieRec.Tests.Splits.SplitTestData;

namespace MovieRec.Tests.Splits;

public class RandomSplitterTests
{
    [Fact]
    public void TrainAndTestPartitionTheInput()
    {
        var input = Random(users: 60, maxPerUser: 30, seed: 1);
        var split = RandomSplitter.Split(input, 0.2, seed: 7);
        AssertPartition(input, split);
    }

    [Theory]
    [InlineData(10, 0.2, 2)]
    [InlineData(10, 0.25, 3)] // 2.5 rounds up
    [InlineData(3, 0.5, 2)]   // 1.5 rounds up
    [InlineData(7, 0.1, 1)]
    public void TestCountIsRoundedShareOfAllRatings(int rows, double fraction, int expectedTest)
    {
        var input = Table(Enumerable.Range(0, rows).Select(i => (i % 3, i, 3f, (long)i)).ToArray());
        var split = RandomSplitter.Split(input, fraction, seed: 3);
        Assert.Equal(expectedTest, split.Test.Count);
        Assert.Equal(rows - expectedTest, split.Train.Count);
    }

    [Fact]
    public void SameSeedGivesSameSplitAndDifferentSeedDiffers()
    {
        var input = Random(users: 50, maxPerUser: 20, seed: 2);
        var a = RandomSplitter.Split(input, 0.2, seed: 11);
        var b = RandomSplitter.Split(input, 0.2, seed: 11);
        var c = RandomSplitter.Split(input, 0.2, seed: 12);
        Assert.True(SameRows(a.Test, b.Test));
        Assert.True(SameRows(a.Train, b.Train));
        Assert.False(SameRows(a.Test, c.Test));
    }

    [Fact]
    public void DefaultsAreEightyTwentyWithSeed42()
    {
        var options = new RandomSplitOptions();
        Assert.Equal(0.2, options.TestFraction);
        Assert.Equal(42, options.Seed);
        var input = Random(users: 20, maxPerUser: 10, seed: 5);
        Assert.True(SameRows(RandomSplitter.Split(input).Test, RandomSplitter.Split(input, options).Test));
        Assert.Contains("seed 42", RandomSplitter.Split(input).Description);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void RejectsFractionOutsideOpenUnitInterval(double fraction)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => RandomSplitter.Split(Table((1, 1, 1f, 1)), fraction));
        Assert.Equal("options", error.ParamName);
        Assert.Contains("TestFraction", error.Message);
    }

    [Fact]
    public void EmptyInputGivesEmptySplit()
    {
        var split = RandomSplitter.Split(RatingsTable.Empty);
        Assert.Equal(0, split.Train.Count);
        Assert.Equal(0, split.Test.Count);
    }
}
