using System.Text.Json;
using MythicDot.Internal;
using MythicDot.Serialization;

namespace MythicDot.Images;

/// <summary>Generates images (<c>POST /images/generations</c>). Thread-safe.</summary>
public class ImagesClient
{
    private readonly ApiTransport _transport = null!;

    /// <summary>Initializes a new instance of the <see cref="ImagesClient"/> class for mocking.</summary>
    protected ImagesClient()
    {
    }

    internal ImagesClient(ApiTransport transport)
    {
        _transport = transport;
    }

    /// <summary>Generates images as a request describes.</summary>
    /// <param name="request">The model, prompt, size, provider, routing and visibility.</param>
    /// <param name="cancellationToken">Cancels the call; surfaces as <see cref="OperationCanceledException"/>.</param>
    /// <returns>The response; <see cref="ImageGenerationResponse.Urls"/> holds the image URLs and <see cref="ApiResponse.Response"/> the response metadata.</returns>
    /// <exception cref="ArgumentException">The request breaks a documented rule (model not <c>base/slug[:version]</c>, prompt empty or over
    /// <see cref="ImageGenerationRequest.MaxPromptLength"/> characters, size not <c>WIDTHxHEIGHT</c>, an extra field that a typed property sends); nothing was sent.</exception>
    /// <exception cref="ApiError">The call failed; the subtype says how. Transient failures are retried first.</exception>
    /// <remarks>Build the request in place with <c>new("stability/sdxl", "a lighthouse at dusk")</c>.
    /// Calls <see cref="GenerateAsync(ImageGenerationRequest, RequestOptions?, CancellationToken)"/>, the overload to fake in a test.</remarks>
    public Task<ImageGenerationResponse> GenerateAsync(ImageGenerationRequest request, CancellationToken cancellationToken) =>
        GenerateAsync(request, null, cancellationToken);

    /// <summary>Generates images as a request describes, with per-call options.</summary>
    /// <param name="request">The model, prompt, size, provider, routing and visibility.</param>
    /// <param name="options">Per-call headers, retries and timeout; <see langword="null"/> for the client's.</param>
    /// <param name="cancellationToken">Cancels the call; surfaces as <see cref="OperationCanceledException"/>.</param>
    /// <returns>The response; <see cref="ImageGenerationResponse.Urls"/> holds the image URLs and <see cref="ApiResponse.Response"/> the response metadata.</returns>
    /// <exception cref="ArgumentException">The request breaks a documented rule; nothing was sent.</exception>
    /// <exception cref="ApiError">The call failed; the subtype says how. Transient failures are retried first.</exception>
    public virtual Task<ImageGenerationResponse> GenerateAsync(ImageGenerationRequest request, RequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ImageGenerationRequest.Validate(request, nameof(request));
        var body = JsonSerializer.SerializeToUtf8Bytes(request, ImagesJsonContext.Default.ImageGenerationRequest);
        return _transport.SendAsync(new ApiRequest(new ApiOperation("image_generation", request.Model), HttpMethod.Post, "images/generations", body), new ResponseReader<ImageGenerationResponse>(static () => ImagesJsonContext.Default.ImageGenerationResponse), options, cancellationToken);
    }
}
