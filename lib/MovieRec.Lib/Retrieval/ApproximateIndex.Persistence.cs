using Cloud.Unum.USearch;

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
    /// <param name="path">The file.</param>
    /// <param name="options">Only <see cref="ApproximateIndexOptions.ExpansionSearch"/> and
    /// <see cref="ApproximateIndexOptions.SearchThreads"/> are used (the rest is in the file); null means the defaults.</param>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="InvalidDataException">The file is not an index this class wrote (wrong metric or scalar type, missing items).</exception>
    public static ApproximateIndex Load(string path, ApproximateIndexOptions? options = null)
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

        if (metadata.MetricKind is not (MetricKind.Ip or MetricKind.Cos) || metadata.Quantization != ScalarKind.Float32 ||
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
            SetThreads(handle, 1, options.SearchThreads);
            var metric = metadata.MetricKind == MetricKind.Cos ? ApproximateMetric.Cosine : ApproximateMetric.InnerProduct;
            return new ApproximateIndex(handle, items, dimension, metric, options.SearchThreads, options.ExpansionSearch);
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
                var found = USearchNative.usearch_get(handle, (ulong)item, 1, start + ((long)item * dimension), ScalarKind.Float32, out var error);
                if (error != 0 || found != 1)
                {
                    throw Invalid(path, $"item {item} of {size} is missing (keys must be 0..{size - 1})");
                }
            }
        }

        return items;
    }

    private static InvalidDataException Invalid(string path, string problem) =>
        new($"{path} is not an approximate index written by ApproximateIndex.Save: {problem}.");
}
