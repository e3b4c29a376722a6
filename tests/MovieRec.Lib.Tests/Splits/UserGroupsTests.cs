using MovieRec.Splits;

namespace MovieRec.Tests.Splits;

public class UserGroupsTests
{
    [Theory]
    [InlineData(new[] { 5, 3, 5, 9, 3, 5 })]                         // compact ids: counting sort
    [InlineData(new[] { 2_000_000_000, -2_000_000_000, 2_000_000_000, 0, -2_000_000_000 })] // sparse: sorting
    public void GroupsRowsByAscendingUserThenRow(int[] userIds)
    {
        var groups = UserGroups.Build(userIds);
        var expectedUsers = userIds.Distinct().Order().ToArray();
        Assert.Equal(expectedUsers, groups.UserIds);
        for (var g = 0; g < groups.Count; g++)
        {
            var expectedRows = Enumerable.Range(0, userIds.Length).Where(r => userIds[r] == expectedUsers[g]).ToArray();
            Assert.Equal(expectedRows, groups.RowsOf(g).ToArray());
        }

        Assert.Equal(userIds.Length, groups.Starts[^1]);
    }

    [Fact]
    public void EmptyInputHasNoGroups()
    {
        var groups = UserGroups.Build([]);
        Assert.Equal(0, groups.Count);
        Assert.Equal([0], groups.Starts);
    }
}
