using Microsoft.FSharp.Core;
using Plotly.NET;
using Plotly.NET.CSharp;

namespace MovieRec.Notebooks;

/// <summary>
/// Plotly.NET charts with C#-friendly signatures, so notebooks never fight the F#-flavoured API: plain
/// arrays and strings in, a <see cref="GenericChart"/> with a title and axis titles out. Each chart kind
/// lives in its own file (Charts.Histogram.cs, Charts.Bar.cs, …); this file holds what they share.
/// </summary>
public static partial class Charts
{
    /// <summary>Chart width in pixels used by every helper: fits a notebook column and an A4 HTML page.</summary>
    public const int DefaultWidth = 720;

    /// <summary>Chart height in pixels used by every helper.</summary>
    public const int DefaultHeight = 420;

    /// <summary>
    /// A complete HTML page showing <paramref name="chart"/> with plotly.js embedded (no CDN), viewable offline.
    /// </summary>
    public static string ToStandaloneHtml(GenericChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        // F# optional parameters are not optional from C#: None is null.
        var options = DisplayOptions.init(null, null, null, null, null, null, FSharpOption<PlotlyJSReference>.Some(PlotlyJSReference.Full));
        return GenericChart.toEmbeddedHTML(GenericChart.addDisplayOptions(options, chart));
    }

    /// <summary>Writes <see cref="ToStandaloneHtml"/> to <paramref name="path"/> atomically and returns the full path.</summary>
    public static string SaveStandaloneHtml(GenericChart chart, string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        File.WriteAllText(temporary, ToStandaloneHtml(chart));
        File.Move(temporary, full, overwrite: true);
        return full;
    }

    /// <summary>Title, axis titles and size: applied the same way to every chart.</summary>
    private static GenericChart Decorate(GenericChart chart, string title, string xAxisTitle, string yAxisTitle,
        StyleParam.AxisType? xAxisType = null, StyleParam.AxisType? yAxisType = null)
    {
        var titled = Plotly.NET.Chart.withTitle(title, FSharpOption<Font>.None).Invoke(chart);
        var withX = xAxisType is null
            ? titled.WithXAxisStyle<double, double, string>(TitleText: xAxisTitle)
            : titled.WithXAxisStyle<double, double, string>(TitleText: xAxisTitle, AxisType: xAxisType);
        var withY = yAxisType is null
            ? withX.WithYAxisStyle<double, double, string>(TitleText: yAxisTitle)
            : withX.WithYAxisStyle<double, double, string>(TitleText: yAxisTitle, AxisType: yAxisType);
        return withY.WithSize(DefaultWidth, DefaultHeight);
    }

    private static void RequireTitles(string title, string xAxisTitle, string yAxisTitle)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        ArgumentException.ThrowIfNullOrWhiteSpace(xAxisTitle);
        ArgumentException.ThrowIfNullOrWhiteSpace(yAxisTitle);
    }

    private static double[] RequireFinite(IEnumerable<double> values, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(values, parameterName);
        var array = values.ToArray();
        for (var i = 0; i < array.Length; i++)
        {
            if (!double.IsFinite(array[i]))
            {
                throw new ArgumentException($"Value {i} is {array[i]}; charts need finite numbers.", parameterName);
            }
        }

        return array;
    }
}
