using MovieRec.Data;

namespace MovieRec.Tests.Data;

public sealed class IdVocabularyTests
{
    [Fact]
    public void IndicesFollowAscendingIdsAndRoundTrip()
    {
        var vocabulary = IdVocabulary.FromIds([50, 7, 193_609, 7, 1]);

        Assert.Equal(4, vocabulary.Count);
        Assert.Equal(new[] { 1, 7, 50, 193_609 }, vocabulary.Ids);
        Assert.Equal(new[] { 3, 0, 1 }, vocabulary.IndicesOf([193_609, 1, 7]));
        Assert.Equal(new[] { 193_609, 1, 7 }, vocabulary.IdsAt(vocabulary.IndicesOf([193_609, 1, 7])));
        for (var i = 0; i < vocabulary.Count; i++)
        {
            Assert.Equal(i, vocabulary.IndexOf(vocabulary.IdAt(i)));
        }
    }

    [Fact]
    public void SameIdsInAnyOrderGiveTheSameVocabulary()
    {
        var a = IdVocabulary.FromIds([3, 1, 2]);
        var b = IdVocabulary.FromIds([2, 2, 3, 1]);

        Assert.Equal(a.Ids, b.Ids);
    }

    [Fact]
    public void UnknownIdIsNamedInTheError()
    {
        var vocabulary = IdVocabulary.FromIds([1, 2]);

        var error = Assert.Throws<KeyNotFoundException>(() => vocabulary.IndexOf(99));

        Assert.Contains("99", error.Message);
        Assert.False(vocabulary.TryGetIndex(99, out _));
        Assert.False(vocabulary.Contains(99));
        Assert.True(vocabulary.Contains(2));
    }

    [Fact]
    public void IndexOutOfRangeIsRejected()
    {
        var vocabulary = IdVocabulary.FromIds([1, 2]);

        Assert.Throws<ArgumentOutOfRangeException>(() => vocabulary.IdAt(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => vocabulary.IdAt(-1));
    }

    [Fact]
    public void EmptyVocabularyHasNoIds()
    {
        Assert.Equal(0, IdVocabulary.FromIds([]).Count);
    }
}
