using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Markdig;

namespace MovieRec.NotebookRunner;

/// <summary>
/// Renders an executed notebook as one self-contained HTML page that works offline: markdown as HTML, code,
/// and outputs; plotly.js is embedded once in the page head when any output holds a chart.
/// <para>
/// Chart outputs come from Plotly.NET.Interactive, which loads require.js and plotly.js from a CDN. Rather than
/// rewrite its markup, the page defines a tiny <c>requirejs</c> that hands the chart code the embedded Plotly,
/// so the CDN branch is never taken.
/// </para>
/// </summary>
internal static class HtmlReport
{
    private static readonly MarkdownPipeline Markdown = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    private const string RequireShim = """
        // Offline stand-in for require.js: chart outputs ask for 'plotly'; give them the embedded one.
        window.requirejs = function (deps, callback) { callback(window.Plotly); };
        window.requirejs.config = function () { return window.requirejs; };
        window.require = window.require || window.requirejs;
        """;

    private const string Style = """
        body { font-family: system-ui, sans-serif; max-width: 1000px; margin: 2em auto; padding: 0 1em; color: #222; }
        .cell { margin: 1em 0; }
        .code pre.source { background: #f6f8fa; border-left: 3px solid #4a90d9; padding: .6em; overflow-x: auto; }
        .prompt { color: #888; font: 12px monospace; }
        pre.stream, pre.text { background: #fff; border-left: 3px solid #ddd; padding: .4em .6em; overflow-x: auto; }
        pre.error { background: #fff0f0; border-left: 3px solid #d00; padding: .6em; color: #900; white-space: pre-wrap; }
        table { border-collapse: collapse; } td, th { border: 1px solid #ddd; padding: 2px 6px; }
        """;

    public static string Render(NotebookDocument document)
    {
        var body = new StringBuilder();
        var hasCharts = false;
        foreach (var cell in document.Cells)
        {
            if (cell.CellType == "markdown")
            {
                body.Append("<div class=\"cell markdown\">").Append(Markdig.Markdown.ToHtml(cell.Source, Markdown)).Append("</div>\n");
                continue;
            }

            if (!cell.IsCode)
            {
                continue;
            }

            var count = cell.Node["execution_count"]?.GetValue<int>();
            var label = cell.Tags.Count > 0 ? $" &middot; {WebUtility.HtmlEncode(string.Join(", ", cell.Tags))}" : string.Empty;
            body.Append("<div class=\"cell code\"><div class=\"prompt\">In [").Append(count?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? " ")
                .Append(']').Append(label).Append("</div><pre class=\"source\"><code>").Append(WebUtility.HtmlEncode(cell.Source)).Append("</code></pre>\n");
            foreach (var output in cell.Outputs.OfType<JsonObject>())
            {
                hasCharts |= AppendOutput(body, output);
            }

            body.Append("</div>\n");
        }

        var page = new StringBuilder();
        page.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
            .Append(WebUtility.HtmlEncode(document.Name)).Append("</title>\n<style>\n").Append(Style).Append("</style>\n");
        if (hasCharts)
        {
            var plotly = PlotlyJs();
            page.Append(plotly is null
                ? "<!-- plotly.js was not found in this process: charts stay blank offline. -->\n"
                : "<script type=\"text/javascript\">\n" + plotly.Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase) + "\n</script>\n");
            page.Append("<script type=\"text/javascript\">\n").Append(RequireShim).Append("\n</script>\n");
        }

        page.Append("</head>\n<body>\n").Append(body).Append("</body>\n</html>\n");
        return page.ToString();
    }

    /// <summary>Appends one nbformat output; returns true when it is a chart.</summary>
    private static bool AppendOutput(StringBuilder body, JsonObject output)
    {
        switch (output["output_type"]?.GetValue<string>())
        {
            case "stream":
                body.Append("<pre class=\"stream\">").Append(WebUtility.HtmlEncode(output["text"]?.GetValue<string>() ?? string.Empty)).Append("</pre>\n");
                return false;
            case "error":
                body.Append("<pre class=\"error\">").Append(WebUtility.HtmlEncode(output["evalue"]?.GetValue<string>() ?? string.Empty)).Append("</pre>\n");
                return false;
            case "display_data" or "execute_result":
                var data = output["data"] as JsonObject;
                if (data?["text/html"] is JsonValue html)
                {
                    var markup = html.GetValue<string>();
                    body.Append("<div class=\"output\">").Append(markup).Append("</div>\n");
                    return markup.Contains("Plotly.newPlot", StringComparison.Ordinal) || markup.Contains("plotly", StringComparison.OrdinalIgnoreCase);
                }

                if (data?["image/png"] is JsonValue png)
                {
                    body.Append("<img alt=\"output\" src=\"data:image/png;base64,").Append(png.GetValue<string>()).Append("\">\n");
                    return false;
                }

                var text = data?["text/plain"]?.ToString() ?? data?.FirstOrDefault().Value?.ToString() ?? string.Empty;
                body.Append("<pre class=\"text\">").Append(WebUtility.HtmlEncode(text)).Append("</pre>\n");
                return false;
            default:
                return false;
        }
    }

    /// <summary>
    /// plotly.js as shipped inside Plotly.NET (an embedded resource), taken from the Plotly.NET the notebook
    /// loaded, so the page uses exactly the version the chart JSON was written for.
    /// </summary>
    private static string? PlotlyJs()
    {
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies().Where(a => a.GetName().Name == "Plotly.NET"))
        {
            var resource = assembly.GetManifestResourceNames()
                .FirstOrDefault(n => n.Contains("plotly", StringComparison.OrdinalIgnoreCase) && n.EndsWith(".min.js", StringComparison.Ordinal));
            if (resource is null)
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }

        return null;
    }
}
