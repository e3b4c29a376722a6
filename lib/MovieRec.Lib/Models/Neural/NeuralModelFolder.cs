using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using MovieRec.Data;
using MovieRec.Training;
using static TorchSharp.torch;

namespace MovieRec.Models.Neural;

/// <summary>
/// The folder layout every neural model of this project saves (MF, CFNN, NeuMF, the transformer):
/// <c>manifest.json</c>, <c>configuration.json</c> (format version, the options record, user and item
/// counts), <c>ratings.bin</c> (the training ratings: they define the vocabularies, the exclusions and —
/// for the transformer — each user's history), <c>weights.bin</c> (<see cref="ModuleCheckpoint"/>) and, for
/// models that read movie metadata (the ranking model's genres and years), <c>movies.json</c> with the
/// catalogue's movies, so the loaded model rebuilds exactly the features it was trained with.
/// The whole folder is written through <see cref="AtomicDirectory"/>, so a reader sees the old model or the
/// complete new one.
/// </summary>
internal static class NeuralModelFolder
{
    public const string ConfigurationFile = "configuration.json";
    public const string RatingsFile = "ratings.bin";
    public const string WeightsFile = "weights.bin";
    public const string MoviesFile = "movies.json";
    private const string RatingsMagic = "MovieRec.NeuralModel.Ratings";
    private const int FormatVersion = 1;

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Writes the folder (replacing any existing one); <paramref name="includeMovies"/> adds movies.json.</summary>
    public static void Save<TOptions>(
        string directory, IRecommender model, TOptions options, TrainingData data, nn.Module module, bool includeMovies = false)
        where TOptions : class
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        AtomicDirectory.Write(directory, temporary =>
        {
            var configuration = new SavedConfiguration<TOptions>(
                FormatVersion, options, data.UserVocabulary.Count, data.ItemVocabulary.Count);
            AtomicFile.WriteAllText(Path.Combine(temporary, ConfigurationFile), JsonSerializer.Serialize(configuration, Json));
            AtomicFile.Write(Path.Combine(temporary, RatingsFile), stream => WriteRatings(stream, data.Ratings));
            if (includeMovies)
            {
                // Only the catalogue's movies: the others never influence a feature of this model.
                var catalogue = (data.Movies ?? []).Where(m => data.ItemVocabulary.TryGetIndex(m.MovieId, out _)).ToArray();
                AtomicFile.WriteAllText(Path.Combine(temporary, MoviesFile), JsonSerializer.Serialize(catalogue, Json));
            }

            ModuleCheckpoint.Save(module, Path.Combine(temporary, WeightsFile));
            RecommenderStore.WriteManifest(temporary, model);
        });
    }

    /// <summary>
    /// Reads the options and training data of a folder saved for <paramref name="modelType"/>.
    /// The caller validates the options, builds its module and calls <see cref="LoadWeights"/>.
    /// </summary>
    /// <exception cref="InvalidDataException">Wrong model type, a missing or corrupt file, or counts that disagree.</exception>
    public static (TOptions Options, TrainingData Data) Read<TOptions>(string directory, Type modelType)
        where TOptions : class
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var manifest = RecommenderStore.ReadManifest(directory);
        if (manifest.Type != modelType.FullName)
        {
            throw new InvalidDataException($"'{directory}' holds a {manifest.Type}, not a {modelType.Name}.");
        }

        var configurationPath = Require(directory, ConfigurationFile, modelType);
        SavedConfiguration<TOptions>? configuration;
        try
        {
            configuration = JsonSerializer.Deserialize<SavedConfiguration<TOptions>>(File.ReadAllText(configurationPath), Json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{configurationPath}: not a valid {modelType.Name} configuration ({e.Message}).", e);
        }

        if (configuration?.Options is null)
        {
            throw new InvalidDataException($"{configurationPath}: the options are missing.");
        }

        if (configuration.FormatVersion != FormatVersion)
        {
            throw new InvalidDataException(
                $"{configurationPath}: format version {configuration.FormatVersion} is not supported (expected {FormatVersion}).");
        }

        var ratingsPath = Require(directory, RatingsFile, modelType);
        RatingsTable ratings;
        using (var stream = File.OpenRead(ratingsPath))
        {
            ratings = ReadRatings(stream, ratingsPath);
        }

        var data = new TrainingData(ratings, ReadMovies(directory));
        if (data.UserVocabulary.Count != configuration.UserCount || data.ItemVocabulary.Count != configuration.ItemCount)
        {
            throw new InvalidDataException(
                $"'{directory}': {ConfigurationFile} says {configuration.UserCount} users and {configuration.ItemCount} movies but " +
                $"{RatingsFile} has {data.UserVocabulary.Count} and {data.ItemVocabulary.Count}.");
        }

        return (configuration.Options, data);
    }

    /// <summary>Loads weights.bin into <paramref name="module"/>; a configuration mismatch is an <see cref="InvalidDataException"/> listing the differences.</summary>
    public static void LoadWeights(string directory, nn.Module module, Type modelType) =>
        ModuleCheckpoint.Load(module, Require(directory, WeightsFile, modelType));

    /// <summary>Turns an invalid saved option into a load error rather than an argument error.</summary>
    public static void ValidateSaved(string directory, Action validate)
    {
        try
        {
            validate();
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"{Path.Combine(directory, ConfigurationFile)}: invalid options ({e.Message}).", e);
        }
    }

    /// <summary>The saved catalogue movies, or null when the model saved none.</summary>
    private static Movie[]? ReadMovies(string directory)
    {
        var path = Path.Combine(directory, MoviesFile);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            var movies = JsonSerializer.Deserialize<Movie[]>(File.ReadAllText(path), Json);
            if (movies is null || movies.Any(m => m is null || m.Title is null || m.Genres is null))
            {
                throw new InvalidDataException($"{path}: the movie list is missing or has incomplete entries.");
            }

            return movies;
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a valid movie list ({e.Message}).", e);
        }
    }

    private static string Require(string directory, string name, Type modelType)
    {
        var path = Path.Combine(directory, name);
        return File.Exists(path)
            ? path
            : throw new InvalidDataException($"'{directory}' is not a complete {modelType.Name} model: {name} is missing.");
    }

    private static void WriteRatings(Stream stream, RatingsTable ratings)
    {
        using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        writer.Write(RatingsMagic);
        writer.Write(FormatVersion);
        writer.Write(ratings.Count);
        writer.Write(MemoryMarshal.AsBytes(ratings.UserIds.AsSpan()));
        writer.Write(MemoryMarshal.AsBytes(ratings.MovieIds.AsSpan()));
        writer.Write(MemoryMarshal.AsBytes(ratings.Ratings.AsSpan()));
        writer.Write(MemoryMarshal.AsBytes(ratings.Timestamps.AsSpan()));
    }

    private static RatingsTable ReadRatings(Stream stream, string path)
    {
        try
        {
            using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
            if (reader.ReadString() != RatingsMagic || reader.ReadInt32() != FormatVersion)
            {
                throw new InvalidDataException($"{path}: not a ratings file of format version {FormatVersion}.");
            }

            var count = reader.ReadInt32();
            if (count < 0)
            {
                throw new InvalidDataException($"{path}: negative rating count {count}.");
            }

            var users = new int[count];
            var movies = new int[count];
            var values = new float[count];
            var times = new long[count];
            stream.ReadExactly(MemoryMarshal.AsBytes(users.AsSpan()));
            stream.ReadExactly(MemoryMarshal.AsBytes(movies.AsSpan()));
            stream.ReadExactly(MemoryMarshal.AsBytes(values.AsSpan()));
            stream.ReadExactly(MemoryMarshal.AsBytes(times.AsSpan()));
            return new RatingsTable(users, movies, values, times);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException($"{path}: the file is truncated.", e);
        }
    }

    /// <summary>Contents of configuration.json.</summary>
    private sealed record SavedConfiguration<TOptions>(int FormatVersion, TOptions Options, int UserCount, int ItemCount);
}
