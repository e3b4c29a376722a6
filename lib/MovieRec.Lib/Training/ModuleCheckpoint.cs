using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace MovieRec.Training;

/// <summary>
/// Saves and restores a module's state (parameters and buffers by name) in a small self-describing file,
/// and keeps in-memory snapshots for best-epoch restore. Unlike TorchSharp's own format, loading checks
/// every name, type and shape first and reports all mismatches in one clear
/// <see cref="InvalidDataException"/> — the usual cause is a checkpoint from another configuration.
/// </summary>
public static class ModuleCheckpoint
{
    private const string Magic = "MovieRec.ModuleCheckpoint";
    private const int Version = 1;

    /// <summary>Copies of every state tensor (detached, outside any dispose scope). Dispose them when done.</summary>
    public static Dictionary<string, Tensor> Snapshot(nn.Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        var copy = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        using (no_grad())
        {
            foreach (var (name, tensor) in module.state_dict())
            {
                copy[name] = tensor.detach().clone().DetachFromDisposeScope();
            }
        }

        return copy;
    }

    /// <summary>Copies a <see cref="Snapshot"/> back into the module's tensors.</summary>
    /// <exception cref="InvalidDataException">Names, types or shapes differ.</exception>
    public static void Restore(nn.Module module, IReadOnlyDictionary<string, Tensor> snapshot, string source = "snapshot")
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(snapshot);
        var target = module.state_dict();
        var problems = Compare(target, snapshot.ToDictionary(p => p.Key, p => (p.Value.dtype, p.Value.shape)));
        if (problems.Count > 0)
        {
            throw Mismatch(source, problems);
        }

        using (no_grad())
        {
            foreach (var (name, tensor) in target)
            {
                tensor.copy_(snapshot[name]);
            }
        }
    }

    /// <summary>Writes the module's state to <paramref name="path"/> atomically.</summary>
    public static void Save(nn.Module module, string path)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var state = module.state_dict();
        Models.AtomicFile.Write(path, stream =>
        {
            using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
            writer.Write(Magic);
            writer.Write(Version);
            writer.Write(state.Count);
            foreach (var (name, tensor) in state.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                using var cpu = tensor.detach().cpu().contiguous();
                writer.Write(name);
                writer.Write((int)cpu.dtype);
                writer.Write(cpu.shape.Length);
                foreach (var dimension in cpu.shape)
                {
                    writer.Write(dimension);
                }

                WriteData(writer, cpu, name);
            }
        });
    }

    /// <summary>Loads a file written by <see cref="Save"/> into the module.</summary>
    /// <exception cref="InvalidDataException">The file is not a checkpoint, is truncated, or does not match
    /// the module (every missing, unexpected or differently shaped tensor is listed).</exception>
    public static void Load(nn.Module module, string path)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var loaded = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        try
        {
            using (var reader = new BinaryReader(File.OpenRead(path), System.Text.Encoding.UTF8))
            {
                if (reader.ReadString() != Magic)
                {
                    throw new InvalidDataException($"{path}: not a MovieRec module checkpoint.");
                }

                var version = reader.ReadInt32();
                if (version != Version)
                {
                    throw new InvalidDataException($"{path}: checkpoint version {version} is not supported (expected {Version}).");
                }

                var count = reader.ReadInt32();
                for (var i = 0; i < count; i++)
                {
                    var name = reader.ReadString();
                    var type = (ScalarType)reader.ReadInt32();
                    var shape = new long[reader.ReadInt32()];
                    for (var d = 0; d < shape.Length; d++)
                    {
                        shape[d] = reader.ReadInt64();
                    }

                    loaded[name] = ReadData(reader, type, shape, name, path).DetachFromDisposeScope();
                }
            }

            Restore(module, loaded, path);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException($"{path}: the checkpoint is truncated.", e);
        }
        finally
        {
            foreach (var tensor in loaded.Values)
            {
                tensor.Dispose();
            }
        }
    }

    private static List<string> Compare(
        IReadOnlyDictionary<string, Tensor> expected, IReadOnlyDictionary<string, (ScalarType Type, long[] Shape)> actual)
    {
        var problems = new List<string>();
        foreach (var (name, tensor) in expected)
        {
            if (!actual.TryGetValue(name, out var found))
            {
                problems.Add($"'{name}' is missing from the checkpoint");
            }
            else if (found.Type != tensor.dtype)
            {
                problems.Add($"'{name}' is {found.Type} in the checkpoint but {tensor.dtype} in the model");
            }
            else if (!found.Shape.SequenceEqual(tensor.shape))
            {
                problems.Add($"'{name}' has shape [{string.Join(", ", found.Shape)}] in the checkpoint but [{string.Join(", ", tensor.shape)}] in the model");
            }
        }

        problems.AddRange(actual.Keys.Where(name => !expected.ContainsKey(name)).Select(name => $"'{name}' is in the checkpoint but not in the model"));
        return problems;
    }

    private static InvalidDataException Mismatch(string source, List<string> problems) =>
        new($"{source}: the checkpoint does not match the model's configuration ({problems.Count} difference(s)): " +
            string.Join("; ", problems.Take(8)) + (problems.Count > 8 ? "; …" : "") +
            ". Load it with the configuration it was saved with.");

    private static void WriteData(BinaryWriter writer, Tensor tensor, string name)
    {
        switch (tensor.dtype)
        {
            case ScalarType.Float32:
                writer.Write(MemoryMarshal.AsBytes(tensor.data<float>().ToArray().AsSpan()));
                break;
            case ScalarType.Float64:
                writer.Write(MemoryMarshal.AsBytes(tensor.data<double>().ToArray().AsSpan()));
                break;
            case ScalarType.Int64:
                writer.Write(MemoryMarshal.AsBytes(tensor.data<long>().ToArray().AsSpan()));
                break;
            case ScalarType.Int32:
                writer.Write(MemoryMarshal.AsBytes(tensor.data<int>().ToArray().AsSpan()));
                break;
            default:
                throw new NotSupportedException($"Tensor '{name}' has type {tensor.dtype}; checkpoints hold float32/64 and int32/64.");
        }
    }

    private static Tensor ReadData(BinaryReader reader, ScalarType type, long[] shape, string name, string path)
    {
        var count = shape.Aggregate(1L, (a, b) => a * b);
        switch (type)
        {
            case ScalarType.Float32:
                return tensor(Read<float>(reader, count), shape);
            case ScalarType.Float64:
                return tensor(Read<double>(reader, count), shape);
            case ScalarType.Int64:
                return tensor(Read<long>(reader, count), shape);
            case ScalarType.Int32:
                return tensor(Read<int>(reader, count), shape);
            default:
                throw new InvalidDataException($"{path}: tensor '{name}' has unsupported type code {(int)type}.");
        }
    }

    private static T[] Read<T>(BinaryReader reader, long count)
        where T : unmanaged
    {
        var values = new T[count];
        var bytes = MemoryMarshal.AsBytes(values.AsSpan());
        while (bytes.Length > 0)
        {
            var read = reader.Read(bytes);
            if (read == 0)
            {
                throw new EndOfStreamException();
            }

            bytes = bytes[read..];
        }

        return values;
    }
}
