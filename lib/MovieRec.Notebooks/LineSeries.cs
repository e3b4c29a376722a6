namespace MovieRec.Notebooks;

/// <summary>One named line of a <see cref="Charts.Line(string, string, string, LineSeries[])"/> chart, e.g. "train loss" per epoch.</summary>
/// <param name="Name">Legend entry.</param>
/// <param name="X">Horizontal positions, e.g. epoch numbers.</param>
/// <param name="Y">Values, one per position.</param>
public sealed record LineSeries(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y)
{
    /// <summary>A series whose X is 1, 2, …, n (epochs or steps counted from one).</summary>
    public static LineSeries FromValues(string name, IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new LineSeries(name, Enumerable.Range(1, values.Count).Select(i => (double)i).ToArray(), values);
    }
}
