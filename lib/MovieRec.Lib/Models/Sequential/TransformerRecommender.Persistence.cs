using MovieRec.Models.Neural;
using MovieRec.Torch;

namespace MovieRec.Models.Sequences;

/// <summary>Save and load through the folder layout every neural model shares (<see cref="NeuralModelFolder"/>).</summary>
public sealed partial class TransformerRecommender
{
    /// <inheritdoc/>
    /// <remarks>
    /// Writes manifest.json, configuration.json (the options), ratings.bin (the training ratings with their
    /// timestamps: they define the catalogue, the exclusions and every user's history) and weights.bin, as one
    /// atomic folder replacement.
    /// </remarks>
    public void Save(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        NeuralModelFolder.Save(directory, this, Options, Data, Module);
    }

    /// <summary>Loads a model saved with <see cref="Save"/>.</summary>
    /// <exception cref="InvalidDataException">A file is missing or corrupt, the folder holds another model type, or
    /// the weights do not match the saved configuration (every differing tensor is listed).</exception>
    public static TransformerRecommender Load(string directory)
    {
        var (options, data) = NeuralModelFolder.Read<TransformerRecommenderOptions>(directory, typeof(TransformerRecommender));
        NeuralModelFolder.ValidateSaved(directory, () => options.Validate(nameof(options)));
        TorchNative.EnsureLoaded();
        var model = new TransformerRecommender(options);
        var module = model.CreateModule(data.ItemVocabulary.Count);
        NeuralModelFolder.LoadWeights(directory, module, typeof(TransformerRecommender));
        model.Install(data, module, UserSequences.Build(data.Ratings, data.UserVocabulary, data.ItemVocabulary));
        return model;
    }
}
