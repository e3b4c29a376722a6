using System.Text.Json;

namespace MovieRec.Models.Neural;

/// <summary>
/// Options added to <see cref="DeepNcfOptions"/> after models were first saved: a folder written before an option
/// existed has no value for it, and deserialising would give it today's default, not the value that model was
/// trained with. <see cref="Restore"/> puts back the value every earlier model used.
/// </summary>
internal static class DeepNcfSavedOptions
{
    /// <summary>Each added option's name and the setting every model saved before it was trained with.</summary>
    private static readonly (string Name, Func<DeepNcfOptions, DeepNcfOptions> Legacy)[] AddedOptions =
    [
        (nameof(DeepNcfOptions.NegativeSamplingExponent), o => o with { NegativeSamplingExponent = 0 }),
        (nameof(DeepNcfOptions.EmbeddingRegularization), o => o with { EmbeddingRegularization = 0 }),
        (nameof(DeepNcfOptions.LogitScale), o => o with { LogitScale = 1 }),
        (nameof(DeepNcfOptions.PopularityPrior), o => o with { PopularityPrior = 0 }),
        (nameof(DeepNcfOptions.NormalizeGmf), o => o with { NormalizeGmf = false }),
        (nameof(DeepNcfOptions.UserHistory), o => o with { UserHistory = false }),
        (nameof(DeepNcfOptions.HistoryDropout), o => o with { HistoryDropout = 0 }),
        (nameof(DeepNcfOptions.FreeUserEmbedding), o => o with { FreeUserEmbedding = true }),
        (nameof(DeepNcfOptions.HistoryInMlp), o => o with { HistoryInMlp = false }),
    ];

    /// <summary>
    /// Returns <paramref name="options"/> (read from <paramref name="directory"/>'s configuration.json) with every
    /// option the file does not mention set to its pre-introduction value.
    /// </summary>
    /// <exception cref="InvalidDataException">The configuration file is not JSON with an Options object.</exception>
    public static DeepNcfOptions Restore(string directory, DeepNcfOptions options)
    {
        var path = Path.Combine(directory, NeuralModelFolder.ConfigurationFile);
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            if (!document.RootElement.TryGetProperty("Options", out var saved) || saved.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException($"{path}: the options are missing.");
            }

            foreach (var (name, legacy) in AddedOptions)
            {
                if (!saved.TryGetProperty(name, out _))
                {
                    options = legacy(options);
                }
            }

            return options;
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a valid {nameof(DeepNcf)} configuration ({e.Message}).", e);
        }
    }
}
