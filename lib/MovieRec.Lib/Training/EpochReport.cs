using System.Globalization;
using System.Text;

namespace MovieRec.Training;

/// <summary>
/// Progress after one epoch, sent through <see cref="IProgress{T}"/>; <see cref="ToString"/> is the console
/// line "epoch 3/20 loss 5.123 recall@20 0.281 elapsed 12.3s eta 40s".
/// </summary>
/// <param name="Epoch">1-based epoch just finished.</param>
/// <param name="TotalEpochs">Maximum number of epochs.</param>
/// <param name="Record">The epoch's record (loss, metrics, learning rate, times).</param>
/// <param name="PrimaryMetric">Name of the early-stopping metric, or null.</param>
/// <param name="IsBest">True when this epoch has the best validation value so far.</param>
/// <param name="EstimatedRemaining">Time the remaining epochs would take at the mean epoch time so far.</param>
public sealed record EpochReport(
    int Epoch, int TotalEpochs, EpochRecord Record, string? PrimaryMetric, bool IsBest, TimeSpan EstimatedRemaining)
{
    /// <summary>Mean training loss of the epoch.</summary>
    public double Loss => Record.Loss;

    /// <summary>Time since training started.</summary>
    public TimeSpan Elapsed => TimeSpan.FromSeconds(Record.ElapsedSeconds);

    /// <inheritdoc/>
    public override string ToString()
    {
        var line = new StringBuilder();
        var culture = CultureInfo.InvariantCulture;
        line.Append(culture, $"epoch {Epoch}/{TotalEpochs} loss {Loss:F4}");
        if (PrimaryMetric is not null && Record.ValidationMetrics.TryGetValue(PrimaryMetric, out var primary))
        {
            line.Append(culture, $" {PrimaryMetric} {primary:F4}");
        }

        foreach (var (name, value) in Record.ValidationMetrics)
        {
            if (name != PrimaryMetric)
            {
                line.Append(culture, $" {name} {value:F4}");
            }
        }

        line.Append(culture, $" lr {Record.LearningRate:G3} elapsed {Record.ElapsedSeconds:F1}s eta {EstimatedRemaining.TotalSeconds:F0}s");
        if (IsBest)
        {
            line.Append(" *");
        }

        return line.ToString();
    }
}

/// <summary>Writes each <see cref="EpochReport"/> as one line (synchronously, unlike <see cref="Progress{T}"/>).</summary>
public sealed class ConsoleTrainingReporter : IProgress<EpochReport>
{
    private readonly TextWriter _writer;
    private readonly string _prefix;

    /// <summary>Reports to <paramref name="writer"/> (default <see cref="Console.Out"/>), each line prefixed.</summary>
    public ConsoleTrainingReporter(TextWriter? writer = null, string prefix = "")
    {
        _writer = writer ?? Console.Out;
        _prefix = prefix ?? "";
    }

    /// <inheritdoc/>
    public void Report(EpochReport value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _writer.WriteLine(_prefix + value);
        _writer.Flush();
    }
}
