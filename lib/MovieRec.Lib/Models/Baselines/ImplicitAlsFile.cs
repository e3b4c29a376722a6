using System.Text;
using System.Text.Json;
using MovieRec.Data;

namespace MovieRec.Models.Baselines;

/// <summary>What a fitted <see cref="ImplicitAls"/> holds: vocabularies, training items (for exclusion) and factors.</summary>
internal sealed class ImplicitAlsState(
    IdVocabulary users, IdVocabulary items, int dimension, int[] seenOffsets, int[] seenItems, float[] userFactors, float[] itemFactors)
{
    private readonly Lazy<float[]> _unitItemFactors = new(() => Normalize(itemFactors, dimension));

    public IdVocabulary Users { get; } = users;

    public IdVocabulary Items { get; } = items;

    public int Dimension { get; } = dimension;

    public int[] SeenOffsets { get; } = seenOffsets;

    public int[] SeenItems { get; } = seenItems;

    public float[] UserFactors { get; } = userFactors;

    public float[] ItemFactors { get; } = itemFactors;

    /// <summary>Item factors scaled to unit length (zero rows stay zero), for cosine similarity.</summary>
    public float[] UnitItemFactors => _unitItemFactors.Value;

    public ReadOnlySpan<int> SeenOf(int userIndex) =>
        SeenItems.AsSpan(SeenOffsets[userIndex], SeenOffsets[userIndex + 1] - SeenOffsets[userIndex]);

    /// <summary>Item indices of the known movie ids (unknown ids ignored).</summary>
    public int[] IndicesOf(IEnumerable<int>? movieIds)
    {
        if (movieIds is null)
        {
            return [];
        }

        var result = new List<int>();
        foreach (var movieId in movieIds)
        {
            if (Items.TryGetIndex(movieId, out var index))
            {
                result.Add(index);
            }
        }

        return result.ToArray();
    }

    private static float[] Normalize(float[] factors, int dimension)
    {
        var unit = new float[factors.Length];
        for (var row = 0; row < factors.Length / dimension; row++)
        {
            var source = factors.AsSpan(row * dimension, dimension);
            var norm = System.Numerics.Tensors.TensorPrimitives.Norm(source);
            if (norm > 0)
            {
                System.Numerics.Tensors.TensorPrimitives.Divide(source, norm, unit.AsSpan(row * dimension, dimension));
            }
        }

        return unit;
    }
}

/// <summary>
/// Save and load of <see cref="ImplicitAls"/>: <c>options.json</c> (the settings) and
/// <c>implicit-als.bin</c> (little-endian: magic, version, sizes, user ids, item ids, training items in
/// CSR, user factors, item factors). Both are written atomically.
/// </summary>
internal static class ImplicitAlsFile
{
    private const string OptionsFileName = "options.json";
    private const string DataFileName = "implicit-als.bin";
    private const string Magic = "MRALS";
    private const int Version = 1;

    public static void Save(string directory, ImplicitAlsOptions options, ImplicitAlsState state)
    {
        Directory.CreateDirectory(directory);
        AtomicFile.WriteAllText(
            Path.Combine(directory, OptionsFileName), JsonSerializer.Serialize(options, new JsonSerializerOptions { WriteIndented = true }));
        AtomicFile.Write(Path.Combine(directory, DataFileName), stream =>
        {
            using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
            writer.Write(Magic);
            writer.Write(Version);
            writer.Write(state.Dimension);
            writer.Write(state.Users.Count);
            writer.Write(state.Items.Count);
            writer.Write(state.SeenItems.Length);
            WriteInts(writer, state.Users.Ids);
            WriteInts(writer, state.Items.Ids);
            WriteInts(writer, state.SeenOffsets);
            WriteInts(writer, state.SeenItems);
            WriteFloats(writer, state.UserFactors);
            WriteFloats(writer, state.ItemFactors);
        });
    }

    public static (ImplicitAlsOptions Options, ImplicitAlsState State) Load(string directory)
    {
        var optionsPath = Path.Combine(directory, OptionsFileName);
        var dataPath = Path.Combine(directory, DataFileName);
        foreach (var path in new[] { optionsPath, dataPath })
        {
            if (!File.Exists(path))
            {
                throw new InvalidDataException($"{path} is missing: not a saved ImplicitAls model.");
            }
        }

        ImplicitAlsOptions options;
        try
        {
            options = JsonSerializer.Deserialize<ImplicitAlsOptions>(File.ReadAllText(optionsPath))
                ?? throw new InvalidDataException($"{optionsPath}: empty options.");
            options.Validate();
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            throw new InvalidDataException($"{optionsPath}: invalid ImplicitAls options ({e.Message}).", e);
        }

        using var stream = File.OpenRead(dataPath);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        try
        {
            if (reader.ReadString() != Magic || reader.ReadInt32() != Version)
            {
                throw new InvalidDataException($"{dataPath}: not an ImplicitAls data file of version {Version}.");
            }

            var dimension = reader.ReadInt32();
            var userCount = reader.ReadInt32();
            var itemCount = reader.ReadInt32();
            var seenCount = reader.ReadInt32();
            if (dimension != options.Factors || userCount < 0 || itemCount < 0 || seenCount < 0)
            {
                throw new InvalidDataException($"{dataPath}: header sizes are inconsistent with {OptionsFileName}.");
            }

            var users = ReadInts(reader, userCount);
            var items = ReadInts(reader, itemCount);
            var offsets = ReadInts(reader, userCount + 1);
            var seen = ReadInts(reader, seenCount);
            var userFactors = ReadFloats(reader, (long)userCount * dimension);
            var itemFactors = ReadFloats(reader, (long)itemCount * dimension);
            if (offsets[0] != 0 || offsets[^1] != seenCount || seen.Any(i => (uint)i >= (uint)itemCount))
            {
                throw new InvalidDataException($"{dataPath}: the training-items table is corrupt.");
            }

            return (options, new ImplicitAlsState(
                IdVocabulary.FromIds(users), IdVocabulary.FromIds(items), dimension, offsets, seen, userFactors, itemFactors));
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException($"{dataPath} is truncated.", e);
        }
    }

    private static void WriteInts(BinaryWriter writer, IReadOnlyList<int> values)
    {
        foreach (var value in values)
        {
            writer.Write(value);
        }
    }

    private static void WriteFloats(BinaryWriter writer, float[] values)
    {
        writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
    }

    private static int[] ReadInts(BinaryReader reader, long count)
    {
        var values = new int[count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = reader.ReadInt32();
        }

        return values;
    }

    private static float[] ReadFloats(BinaryReader reader, long count)
    {
        var values = new float[count];
        var bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan());
        reader.BaseStream.ReadExactly(bytes);
        return values;
    }
}
