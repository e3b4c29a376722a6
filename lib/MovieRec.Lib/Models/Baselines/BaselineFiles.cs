using System.Runtime.InteropServices;
using System.Text.Json;
using MovieRec.Data;

namespace MovieRec.Models.Baselines;

/// <summary>
/// The on-disk pieces the baseline models share: <c>options.json</c> (the options record), <c>training.bin</c>
/// (the de-duplicated training matrix, so a loaded model excludes the same seen items) and tagged binary
/// files of arrays for the learned parameters. Every file is written atomically.
/// </summary>
/// <remarks>
/// Binary files start with a magic number, a format version and a tag naming their content, then hold
/// length-prefixed arrays in the host's byte order (little-endian on every platform .NET runs on), so a
/// wrong, truncated or foreign file fails with a clear <see cref="InvalidDataException"/>.
/// </remarks>
internal static class BaselineFiles
{
    private const int Magic = 0x4D524231; // "MRB1"
    private const int Version = 1;
    private const string TrainingFileName = "training.bin";
    private const string OptionsFileName = "options.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>Writes a tagged binary file atomically.</summary>
    public static void Write(string path, string tag, Action<BinaryWriter> write) =>
        AtomicFile.Write(path, stream =>
        {
            using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
            writer.Write(Magic);
            writer.Write(Version);
            writer.Write(tag);
            write(writer);
        });

    /// <summary>Reads a tagged binary file written by <see cref="Write"/>.</summary>
    /// <exception cref="FileNotFoundException">The file is missing.</exception>
    /// <exception cref="InvalidDataException">The file is not of this format, has another tag, or is truncated.</exception>
    public static T Read<T>(string path, string tag, Func<BinaryReader, T> read)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Saved model file '{path}' is missing.", path);
        }

        using var stream = File.OpenRead(path);
        using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8);
        try
        {
            if (reader.ReadInt32() != Magic || reader.ReadInt32() != Version)
            {
                throw new InvalidDataException($"{path}: not a MovieRec model file (or an unsupported version).");
            }

            var actualTag = reader.ReadString();
            if (actualTag != tag)
            {
                throw new InvalidDataException($"{path}: holds '{actualTag}', expected '{tag}'.");
            }

            var result = read(reader);
            if (stream.Position != stream.Length)
            {
                throw new InvalidDataException($"{path}: {stream.Length - stream.Position} unexpected trailing bytes.");
            }

            return result;
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException($"{path}: the file is truncated.", e);
        }
    }

    /// <summary>Writes a length-prefixed array of unmanaged values in one block.</summary>
    public static void WriteArray<T>(BinaryWriter writer, T[] values)
        where T : unmanaged
    {
        writer.Write(values.LongLength);
        writer.Write(MemoryMarshal.AsBytes(values.AsSpan()));
    }

    /// <summary>Reads an array written by <see cref="WriteArray{T}"/>.</summary>
    public static T[] ReadArray<T>(BinaryReader reader)
        where T : unmanaged
    {
        var length = reader.ReadInt64();
        var remaining = reader.BaseStream.Length - reader.BaseStream.Position;
        if (length < 0 || length * Marshal.SizeOf<T>() > remaining)
        {
            throw new EndOfStreamException($"An array of {length} values does not fit in the {remaining} bytes left.");
        }

        var values = new T[length];
        reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(values.AsSpan()));
        return values;
    }

    /// <summary>Writes the options record as options.json.</summary>
    public static void WriteOptions<T>(string directory, T options) =>
        AtomicFile.WriteAllText(Path.Combine(directory, OptionsFileName), JsonSerializer.Serialize(options, Json));

    /// <summary>Reads options.json.</summary>
    /// <exception cref="InvalidDataException">The file is not valid JSON for <typeparamref name="T"/>.</exception>
    public static T ReadOptions<T>(string directory)
    {
        var path = Path.Combine(directory, OptionsFileName);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Saved model file '{path}' is missing.", path);
        }

        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllText(path))
                ?? throw new InvalidDataException($"{path}: empty options.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not valid options ({e.Message}).", e);
        }
    }

    /// <summary>
    /// Writes the de-duplicated training matrix (one row per distinct user–movie pair, with its rating):
    /// loading it rebuilds the same vocabularies and seen items. Timestamps and movie metadata are not kept.
    /// </summary>
    public static void WriteTrainingData(string directory, TrainingData data)
    {
        var seen = data.SeenItems;
        var users = new int[seen.Count];
        var movies = new int[seen.Count];
        for (var u = 0; u < seen.UserCount; u++)
        {
            users.AsSpan(seen.Offsets[u], seen.Offsets[u + 1] - seen.Offsets[u]).Fill(data.UserVocabulary.IdAt(u));
        }

        for (var p = 0; p < seen.Count; p++)
        {
            movies[p] = data.ItemVocabulary.IdAt(seen.ItemIndices[p]);
        }

        Write(Path.Combine(directory, TrainingFileName), "training", writer =>
        {
            WriteArray(writer, users);
            WriteArray(writer, movies);
            WriteArray(writer, seen.Ratings);
        });
    }

    /// <summary>Reads what <see cref="WriteTrainingData"/> wrote.</summary>
    public static TrainingData ReadTrainingData(string directory)
    {
        var path = Path.Combine(directory, TrainingFileName);
        var (users, movies, ratings) = Read(path, "training", reader =>
            (ReadArray<int>(reader), ReadArray<int>(reader), ReadArray<float>(reader)));
        if (users.Length != movies.Length || users.Length != ratings.Length)
        {
            throw new InvalidDataException($"{path}: the user, movie and rating columns differ in length.");
        }

        return new TrainingData(new RatingsTable(users, movies, ratings, new long[users.Length]));
    }

    /// <summary>Checks that a parameter array read from disk has the length the training data implies.</summary>
    public static void ExpectLength(Array values, long expected, string directory, string what)
    {
        if (values.LongLength != expected)
        {
            throw new InvalidDataException(
                $"{directory}: {what} has {values.LongLength} values but the training data implies {expected}.");
        }
    }
}
