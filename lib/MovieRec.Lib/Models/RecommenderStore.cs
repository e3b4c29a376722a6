using System.Reflection;
using System.Text.Json;

namespace MovieRec.Models;

/// <summary>
/// Loads any saved model without knowing its type. Each model's <see cref="IRecommender.Save"/> writes its
/// own files plus <c>manifest.json</c> (via <see cref="WriteManifest"/>) naming its type; <see cref="Load"/>
/// reads the manifest and calls that type's <c>public static T Load(string directory)</c>.
/// </summary>
public static class RecommenderStore
{
    /// <summary>File name of the manifest inside a model folder.</summary>
    public const string ManifestFileName = "manifest.json";

    /// <summary>Current manifest format.</summary>
    public const int FormatVersion = 1;

    /// <summary>Writes manifest.json for <paramref name="model"/> into <paramref name="directory"/> (atomically).</summary>
    public static void WriteManifest(string directory, IRecommender model)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentNullException.ThrowIfNull(model);
        var type = model.GetType();
        var manifest = new RecommenderManifest(
            FormatVersion, type.FullName!, type.Assembly.GetName().Name!, model.Name, DateTimeOffset.UtcNow);
        var json = JsonSerializer.Serialize(manifest, new JsonSerializerOptions { WriteIndented = true });
        AtomicFile.WriteAllText(Path.Combine(directory, ManifestFileName), json);
    }

    /// <summary>Reads manifest.json of a saved model folder.</summary>
    /// <exception cref="FileNotFoundException">The folder has no manifest.json.</exception>
    /// <exception cref="InvalidDataException">The manifest cannot be read or has an unknown format version.</exception>
    public static RecommenderManifest ReadManifest(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var path = Path.Combine(directory, ManifestFileName);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"No {ManifestFileName} in '{directory}': not a saved model folder.", path);
        }

        RecommenderManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<RecommenderManifest>(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a valid model manifest ({e.Message}).", e);
        }

        if (manifest is null || string.IsNullOrEmpty(manifest.Type) || string.IsNullOrEmpty(manifest.Assembly))
        {
            throw new InvalidDataException($"{path}: the manifest must name the model type and assembly.");
        }

        if (manifest.FormatVersion != FormatVersion)
        {
            throw new InvalidDataException(
                $"{path}: manifest format version {manifest.FormatVersion} is not supported (expected {FormatVersion}).");
        }

        return manifest;
    }

    /// <summary>Loads the model saved in <paramref name="directory"/>, whatever its type.</summary>
    /// <exception cref="InvalidDataException">The manifest names a type that is missing, is not an
    /// <see cref="IRecommender"/>, or has no <c>public static Load(string)</c>.</exception>
    public static IRecommender Load(string directory)
    {
        var manifest = ReadManifest(directory);
        var type = Type.GetType($"{manifest.Type}, {manifest.Assembly}", throwOnError: false)
            ?? throw new InvalidDataException(
                $"Model type '{manifest.Type}' from assembly '{manifest.Assembly}' (in '{directory}') cannot be found.");
        if (!typeof(IRecommender).IsAssignableFrom(type))
        {
            throw new InvalidDataException($"Type '{manifest.Type}' (in '{directory}') is not an IRecommender.");
        }

        var load = type.GetMethod("Load", BindingFlags.Public | BindingFlags.Static, [typeof(string)]);
        if (load is null || !typeof(IRecommender).IsAssignableFrom(load.ReturnType))
        {
            throw new InvalidDataException($"Type '{manifest.Type}' has no public static Load(string directory).");
        }

        try
        {
            return (IRecommender)load.Invoke(null, [directory])!;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            // Surface the model's own error (e.g. a corrupt file) rather than the reflection wrapper.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }
}

/// <summary>Contents of a saved model's manifest.json.</summary>
/// <param name="FormatVersion">Manifest format (currently 1).</param>
/// <param name="Type">Full name of the model type.</param>
/// <param name="Assembly">Simple name of the assembly that defines it.</param>
/// <param name="Name">The model's <see cref="IRecommender.Name"/> when saved.</param>
/// <param name="SavedAtUtc">When it was saved.</param>
public sealed record RecommenderManifest(int FormatVersion, string Type, string Assembly, string Name, DateTimeOffset SavedAtUtc);
