using Microsoft.Data.Analysis;
using MovieRec.Notebooks;

namespace MovieRec.Tests.Notebooks;

public class TablesTests
{
    private sealed record Row(int Id, string Name, double? Score, long Big, bool Flag, DateTimeOffset When, IReadOnlyList<string> Parts);

    [Fact]
    public void RecordsBecomeTypedColumnsInDeclarationOrder()
    {
        var when = new DateTimeOffset(2001, 2, 3, 4, 5, 6, TimeSpan.Zero);
        Row[] rows = [new(1, "a", 0.5, 10L, true, when, ["x", "y"]), new(2, "b", null, 20L, false, when, [])];

        var frame = rows.ToDataFrame();

        Assert.Equal(["Id", "Name", "Score", "Big", "Flag", "When", "Parts"], frame.Columns.Select(c => c.Name));
        Assert.Equal(2, frame.Rows.Count);
        Assert.IsType<PrimitiveDataFrameColumn<int>>(frame.Columns["Id"]);
        Assert.IsType<PrimitiveDataFrameColumn<double>>(frame.Columns["Score"]);
        Assert.Equal(0.5, frame.Columns["Score"][0]);
        Assert.Null(frame.Columns["Score"][1]);
        Assert.Equal(20L, frame.Columns["Big"][1]);
        Assert.Equal(when.UtcDateTime, frame.Columns["When"][0]);
        Assert.Equal("x, y", frame.Columns["Parts"][0]);
        Assert.Equal("", frame.Columns["Parts"][1]);
    }

    [Fact]
    public void NameValueRowsBecomeATwoColumnTable()
    {
        IReadOnlyList<(string Name, string Value)> rows = [("users", "610"), ("ratings", "100,836")];

        var frame = rows.ToDataFrame();

        Assert.Equal(["quantity", "value"], frame.Columns.Select(c => c.Name));
        Assert.Equal("ratings", frame.Columns["quantity"][1]);
        Assert.Equal("100,836", frame.Columns["value"][1]);
        Assert.Equal(["what", "how much"], rows.ToDataFrame("what", "how much").Columns.Select(c => c.Name));
    }

    [Fact]
    public void DigitsRoundOnlyFloatingPointColumns()
    {
        var rows = new[] { new { Count = 7, Mean = 2.0 / 3, Share = (float?)0.12345f, Missing = (double?)null } };

        var frame = rows.ToDataFrame(digits: 2);

        Assert.Equal(7, frame.Columns["Count"][0]);
        Assert.Equal(0.67, frame.Columns["Mean"][0]);
        Assert.Equal(0.12f, frame.Columns["Share"][0]);
        Assert.Null(frame.Columns["Missing"][0]);
        Assert.Equal(2.0 / 3, rows.ToDataFrame().Columns["Mean"][0]); // no digits: full precision
        Assert.Throws<ArgumentException>("digits", () => rows.ToDataFrame(digits: 16));
    }

    [Fact]
    public void ATypeWithoutPropertiesIsRejected()
    {
        Assert.Throws<ArgumentException>("rows", () => new[] { 1, 2 }.ToDataFrame());
    }
}
