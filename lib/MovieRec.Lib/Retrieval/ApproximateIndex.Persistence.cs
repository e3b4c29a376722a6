using Cloud.Unum.USearch;
using NativeScalar = Cloud.Unum.USearch.ScalarKind;

namespace MovieRec.Retrieval;

public sealed partial class ApproximateIndex
{
    /// <summary>
    /// Writes the index (graph and vectors, USearch's single-file format) to <paramref name="path"/> atomically: a
    /// temporary file in the same folder, then renamed over the target. The metric, dimension and connectivity are
    /// in the file; the expansion settings and thread counts are not (pass them to <see cref="Load"/>).
    /// </summary>
    /// <exception cref="ArgumentException">The path is empty.</exception>
    /// <exception cref="IOException">The file could not be written.</exception>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full) ?? ".";
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            USearchNative.usearch_save(_handle, temporary, out var error);
            if (error != 0)
            {
                throw new IOException($"Could not write the index to {full}: {System.Runtime.InteropServices.Marshal.PtrToStringUTF8(error)}");
            }

            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>
    /// Reads an index written by <see cref="Save"/>. Searches give the same results as the saved index's did with
    /// the same <see cref="ApproximateIndexOptions.ExpansionSearch"/>.
    /// </summary>
    /// <remarks>A Float16 or Int8 index file holds only the quantized vectors, but scores are computed from the float
    /// vectors the index was built from: pass them as <paramref name="itemEmbeddings"/> (they are checked against the
    /// file's vectors within the quantization error).</remarks>
    /// <param name="path">The file.</param>
    /// <param name="options">Only <see cref="ApproximateIndexOptions.ExpansionSearch"/>, <see cref="ApproximateIndexOptions.Exclusion"/> and
    /// <see cref="ApproximateIndexOptions.SearchThreads"/> are used (the rest is in the file); null means the defaults.</param>
    /// <param name="itemEmbeddings">The float item vectors (items × dimension, row-major) the index was built from:
    /// required for a Float16 or Int8 index, ignored for a Float32 one (its file holds them exactly).</param>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="InvalidDataException">The file is not an index this class wrote (wrong metric or scalar type, missing items).</exception>
    /// <exception cref="ArgumentException">A quantized index without <paramref name="itemEmbeddings"/>, or embeddings that do not match the file.</exception>
    public static ApproximateIndex Load(string path, ApproximateIndexOptions? options = null, float[]? itemEmbeddings = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        options ??= ApproximateIndexOptions.Default;
        options.Validate(nameof(options));
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new FileNotFoundException($"No index file at {full}.", full);
        }

        var metadata = USearchNative.Metadata(full, out var error);
        if (error != 0)
        {
            throw Invalid(full, System.Runtime.InteropServices.Marshal.PtrToStringUTF8(error) ?? "unreadable header");
        }

        if (metadata.MetricKind is not (MetricKind.Ip or MetricKind.Cos) || metadata.Quantization is not (NativeScalar.Float32 or NativeScalar.Float16 or NativeScalar.Int8) ||
            metadata.Dimensions < 1 || metadata.Dimensions > int.MaxValue || metadata.Multi != 0)
        {
            throw Invalid(full, $"metric {metadata.MetricKind}, scalar {metadata.Quantization}, {metadata.Dimensions} dimensions, multi {metadata.Multi}");
        }

        metadata.ExpansionAdd = (nuint)options.ExpansionAdd;
        metadata.ExpansionSearch = (nuint)options.ExpansionSearch;
        var handle = USearchNative.Create(metadata);
        try
        {
            USearchNative.usearch_load(handle, full, out error);
            if (error != 0)
            {
                throw Invalid(full, System.Runtime.InteropServices.Marshal.PtrToStringUTF8(error) ?? "load failed");
            }

            var dimension = (int)metadata.Dimensions;
            var size = USearchNative.usearch_size(handle, out error);
            USearchNative.Check(error, "size");
            if (size == 0 || (ulong)size * (ulong)dimension > (ulong)Array.MaxLength)
            {
                throw Invalid(full, $"{size} items");
            }

            var items = ReadVectors(handle, full, (int)size, dimension);
            var scalarKind = metadata.Quantization switch
            {
                NativeScalar.Float16 => ApproximateScalarKind.Float16,
                NativeScalar.Int8 => ApproximateScalarKind.Int8,
                _ => ApproximateScalarKind.Float32,
            };
            if (scalarKind != ApproximateScalarKind.Float32)
            {
                items = MatchingEmbeddings(itemEmbeddings, items, dimension, scalarKind);
            }

            SetThreads(handle, 1, options.SearchThreads);
            var metric = metadata.MetricKind == MetricKind.Cos ? ApproximateMetric.Cosine : ApproximateMetric.InnerProduct;
            return new ApproximateIndex(handle, items, dimension, metric, scalarKind, options.SearchThreads, options.ExpansionSearch)
            {
                Exclusion = options.Exclusion,
            };
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Keys must be exactly 0..size-1 (what <see cref="Build"/> writes); their vectors come back as the managed copy.</summary>
    private static unsafe float[] ReadVectors(USearchNative.IndexHandle handle, string path, int size, int dimension)
    {
        var items = new float[(long)size * dimension];
        fixed (float* start = items)
        {
            for (var item = 0; item < size; item++)
            {
                var found = USearchNative.usearch_get(handle, (ulong)item, 1, start + ((long)item * dimension), NativeScalar.Float32, out var error);
                if (error != 0 || found != 1)
                {
                    throw Invalid(path, $"item {item} of {size} is missing (keys must be 0..{size - 1})");
                }
            }
        }

        return items;
    }

    /// <summary>
    /// The caller's float vectors for a quantized index, after checking them against the file's decoded ones: every
    /// coordinate within the quantization step (Int8: 1/127; Float16: 2⁻¹⁰ relative), so a wrong array is caught.
    /// </summary>
    private static float[] MatchingEmbeddings(float[]? itemEmbeddings, float[] decoded, int dimension, ApproximateScalarKind kind)
    {
        if (itemEmbeddings is null)
        {
            throw new ArgumentException(
                $"This is a {kind} index: its file holds only quantized vectors, so Load needs the float item embeddings it was built from.",
                nameof(itemEmbeddings));
        }

        if (itemEmbeddings.Length != decoded.Length)
        {
            throw new ArgumentException(
                $"The index has {decoded.Length / dimension} items of dimension {dimension} but the embeddings have {itemEmbeddings.Length} values.",
                nameof(itemEmbeddings));
        }

        for (var i = 0; i < decoded.Length; i++)
        {
            var tolerance = kind == ApproximateScalarKind.Int8 ? 1f / 127 : Math.Abs(itemEmbeddings[i]) / 1024 + 1e-7f;
            if (!(Math.Abs(itemEmbeddings[i] - decoded[i]) <= tolerance))
            {
                throw new ArgumentException(
                    $"Embedding value {itemEmbeddings[i]} at row {i / dimension}, column {i % dimension} does not match the index's {decoded[i]}: " +
                    "not the vectors the index was built from.", nameof(itemEmbeddings));
            }
        }

        return (float[])itemEmbeddings.Clone();
    }

    private static InvalidDataException Invalid(string path, string problem) =>
        new($"{path} is not an approximate index written by ApproximateIndex.Save: {problem}.");
}
