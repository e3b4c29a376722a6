using System.Text.Json;
using System.Text.Json.Serialization;
using MovieRec.Data;
using MovieRec.Features;
using MovieRec.Torch;
using MovieRec.Training;

namespace MovieRec.Models.TwoTower;

/// <summary>Save and load: one folder with the weights, options, feature table, training interactions and manifest.</summary>
public sealed partial class TwoTowerRecommender
{
    private const string ConfigurationFile = "two-tower.json";
    private const string FeaturesFile = "item-features.json";
    private const string InteractionsFile = "interactions.bin";
    private const string WeightsFile = "weights.bin";
    private const string InteractionsMagic = "MovieRec.TwoTower.Interactions";
    private const int SaveFormatVersion = 1;

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>
    /// Writes the whole recommender into <paramref name="directory"/> (replaced if it exists): manifest.json,
    /// two-tower.json (options and sizes), item-features.json, interactions.bin (the training users' items,
    /// needed for their history and exclusions) and weights.bin. Everything is written into a temporary
    /// folder that is then renamed into place, so a reader never sees half a model.
    /// </summary>
    public void Save(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var data = _data ?? throw NotFitted();
        var model = _model!;
        var features = _features!;
        AtomicDirectory.Write(directory, temporary =>
        {
            var configuration = new SavedConfiguration(SaveFormatVersion, Options, data.UserVocabulary.Count, data.ItemVocabulary.Count);
            AtomicFile.WriteAllText(Path.Combine(temporary, ConfigurationFile), JsonSerializer.Serialize(configuration, Json));
            AtomicFile.WriteAllText(Path.Combine(temporary, FeaturesFile), JsonSerializer.Serialize(features, Json));
            AtomicFile.Write(Path.Combine(temporary, InteractionsFile), stream => WriteInteractions(stream, data));
            ModuleCheckpoint.Save(model, Path.Combine(temporary, WeightsFile));
            RecommenderStore.WriteManifest(temporary, this);
        });
    }

    /// <summary>Loads a recommender saved by <see cref="Save"/> with the options it was saved with.</summary>
    /// <exception cref="InvalidDataException">A file is missing, corrupt, or the weights do not match the saved configuration.</exception>
    public static TwoTowerRecommender Load(string directory)
    {
        var configuration = ReadConfiguration(directory);
        return LoadCore(directory, configuration, configuration.Options);
    }

    /// <summary>
    /// Loads a saved recommender into a model built from <paramref name="options"/> (e.g. to resume with a
    /// different training schedule). The architecture settings must equal the saved ones.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="options"/> differ from the saved architecture; the message lists each difference.</exception>
    public static TwoTowerRecommender Load(string directory, TwoTowerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(nameof(options));
        var configuration = ReadConfiguration(directory);
        var differences = options.ArchitectureDifferences(configuration.Options);
        if (differences.Count > 0)
        {
            throw new ArgumentException(
                $"The model in '{directory}' was saved with a different architecture than the given options (given vs saved): " +
                string.Join("; ", differences) + ".",
                nameof(options));
        }

        return LoadCore(directory, configuration, options);
    }

    private static TwoTowerRecommender LoadCore(string directory, SavedConfiguration configuration, TwoTowerOptions options)
    {
        TorchNative.EnsureLoaded();
        var featuresPath = RequireFile(directory, FeaturesFile);
        var features = Deserialize<ItemFeatureTable>(featuresPath);
        features.Check(featuresPath);
        var interactionsPath = RequireFile(directory, InteractionsFile);
        TrainingData data;
        using (var stream = File.OpenRead(interactionsPath))
        {
            data = ReadInteractions(stream, interactionsPath);
        }

        if (data.UserVocabulary.Count != configuration.UserCount || data.ItemVocabulary.Count != configuration.ItemCount ||
            features.ItemCount != configuration.ItemCount)
        {
            throw new InvalidDataException(
                $"'{directory}': the saved files disagree: {ConfigurationFile} says {configuration.UserCount} users and " +
                $"{configuration.ItemCount} items, {InteractionsFile} has {data.UserVocabulary.Count} and {data.ItemVocabulary.Count}, " +
                $"{FeaturesFile} has {features.ItemCount} items.");
        }

        var recommender = new TwoTowerRecommender(options);
        var model = new TwoTowerModel(configuration.UserCount, features, options);
        ModuleCheckpoint.Load(model, RequireFile(directory, WeightsFile));
        recommender.Install(data, model, features);
        return recommender;
    }

    private static SavedConfiguration ReadConfiguration(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var manifest = RecommenderStore.ReadManifest(directory);
        if (manifest.Type != typeof(TwoTowerRecommender).FullName)
        {
            throw new InvalidDataException($"'{directory}' holds a {manifest.Type}, not a {nameof(TwoTowerRecommender)}.");
        }

        var path = RequireFile(directory, ConfigurationFile);
        var configuration = Deserialize<SavedConfiguration>(path);
        if (configuration.Options is not null && !SavesSparseEmbeddingUpdates(path))
        {
            // Saved before the setting existed (default true since): keep the dense updates it was trained with.
            configuration = configuration with { Options = configuration.Options with { SparseEmbeddingUpdates = false } };
        }

        if (configuration.FormatVersion != SaveFormatVersion)
        {
            throw new InvalidDataException($"{path}: format version {configuration.FormatVersion} is not supported (expected {SaveFormatVersion}).");
        }

        if (configuration.Options is null)
        {
            throw new InvalidDataException($"{path}: the options are missing.");
        }

        try
        {
            configuration.Options.Validate("options");
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"{path}: invalid options ({e.Message}).", e);
        }

        return configuration;
    }

    /// <summary>Whether the saved options name <see cref="TwoTowerOptions.SparseEmbeddingUpdates"/> (folders from before it do not).</summary>
    private static bool SavesSparseEmbeddingUpdates(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.TryGetProperty(nameof(SavedConfiguration.Options), out var options) &&
            options.ValueKind == JsonValueKind.Object &&
            options.TryGetProperty(nameof(TwoTowerOptions.SparseEmbeddingUpdates), out _);
    }

    private static T Deserialize<T>(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllText(path), Json)
                ?? throw new InvalidDataException($"{path}: the file is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not valid JSON for {typeof(T).Name} ({e.Message}).", e);
        }
    }

    private static string RequireFile(string directory, string name)
    {
        var path = Path.Combine(directory, name);
        return File.Exists(path)
            ? path
            : throw new InvalidDataException($"'{directory}' is not a complete two-tower model: {name} is missing.");
    }

    private static void WriteInteractions(Stream stream, TrainingData data)
    {
        using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        var seen = data.SeenItems;
        writer.Write(InteractionsMagic);
        writer.Write(SaveFormatVersion);
        WriteArray(writer, data.UserVocabulary.Ids.ToArray());
        WriteArray(writer, data.ItemVocabulary.Ids.ToArray());
        WriteArray(writer, seen.Offsets);
        WriteArray(writer, seen.ItemIndices);
        writer.Write(seen.Ratings.Length);
        foreach (var rating in seen.Ratings)
        {
            writer.Write(rating);
        }
    }

    private static TrainingData ReadInteractions(Stream stream, string path)
    {
        try
        {
            using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
            if (reader.ReadString() != InteractionsMagic || reader.ReadInt32() != SaveFormatVersion)
            {
                throw new InvalidDataException($"{path}: not a two-tower interactions file of version {SaveFormatVersion}.");
            }

            var userIds = ReadArray(reader);
            var itemIds = ReadArray(reader);
            var offsets = ReadArray(reader);
            var itemIndices = ReadArray(reader);
            var ratings = new float[reader.ReadInt32()];
            for (var i = 0; i < ratings.Length; i++)
            {
                ratings[i] = reader.ReadSingle();
            }

            if (offsets.Length != userIds.Length + 1 || offsets[^1] != itemIndices.Length || ratings.Length != itemIndices.Length ||
                itemIndices.Any(i => i < 0 || i >= itemIds.Length))
            {
                throw new InvalidDataException($"{path}: the interactions are inconsistent.");
            }

            var users = new int[itemIndices.Length];
            var movies = new int[itemIndices.Length];
            for (var u = 0; u < userIds.Length; u++)
            {
                for (var p = offsets[u]; p < offsets[u + 1]; p++)
                {
                    users[p] = userIds[u];
                    movies[p] = itemIds[itemIndices[p]];
                }
            }

            return new TrainingData(new RatingsTable(users, movies, ratings, new long[users.Length]));
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException($"{path}: the file is truncated.", e);
        }
    }

    private static void WriteArray(BinaryWriter writer, int[] values)
    {
        writer.Write(values.Length);
        foreach (var value in values)
        {
            writer.Write(value);
        }
    }

    private static int[] ReadArray(BinaryReader reader)
    {
        var length = reader.ReadInt32();
        if (length < 0)
        {
            throw new InvalidDataException("Negative array length.");
        }

        var values = new int[length];
        for (var i = 0; i < length; i++)
        {
            values[i] = reader.ReadInt32();
        }

        return values;
    }

    /// <summary>Contents of two-tower.json.</summary>
    private sealed record SavedConfiguration(int FormatVersion, TwoTowerOptions Options, int UserCount, int ItemCount);
}
