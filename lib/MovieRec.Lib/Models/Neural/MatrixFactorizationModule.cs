using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MovieRec.Models.Neural;

/// <summary>
/// Biased matrix factorisation as a network: r̂(u, i) = μ + b_u + b_i + p_u · q_i, with μ a learned scalar
/// initialised to the mean training rating, biases initialised to 0 and factors to N(0, scale²) — the model
/// of Funk SVD (Surprise's SVD), trained here by minibatch gradient descent instead of per-rating SGD.
/// </summary>
public sealed class MatrixFactorizationModule : PairScoringModule
{
    private readonly Embedding user_factors;
    private readonly Embedding item_factors;
    private readonly Embedding user_bias;
    private readonly Embedding item_bias;
    private readonly Parameter global_bias;
    private readonly double regularization;

    /// <param name="userCount">Users (rows of the user tables).</param>
    /// <param name="itemCount">Movies (rows of the item tables).</param>
    /// <param name="factors">Latent dimension d.</param>
    /// <param name="initialScale">Standard deviation of the initial factors.</param>
    /// <param name="meanRating">Initial value of μ.</param>
    /// <param name="regularization">λ of the per-example penalty λ·(‖p_u‖² + ‖q_i‖² + b_u² + b_i²).</param>
    public MatrixFactorizationModule(long userCount, long itemCount, int factors, double initialScale, float meanRating, double regularization)
        : base(nameof(MatrixFactorizationModule))
    {
        user_factors = NeuralLayers.Embedding(userCount, factors, initialScale);
        item_factors = NeuralLayers.Embedding(itemCount, factors, initialScale);
        user_bias = NeuralLayers.Embedding(userCount, 1, 0);
        item_bias = NeuralLayers.Embedding(itemCount, 1, 0);
        global_bias = nn.Parameter(tensor(meanRating));
        this.regularization = regularization;
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override Tensor Score(Tensor users, Tensor items)
    {
        var dot = (user_factors.forward(users) * item_factors.forward(items)).sum(1);
        return dot + user_bias.forward(users).squeeze(1) + item_bias.forward(items).squeeze(1) + global_bias;
    }

    /// <inheritdoc/>
    public override Tensor ItemVectors() => item_factors.weight!;

    /// <inheritdoc/>
    public override Tensor Penalty(Tensor users, Tensor items) =>
        BiasedEmbeddingPenalty(regularization, users, items, user_factors, item_factors, user_bias, item_bias);
}
