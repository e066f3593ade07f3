using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MythicDot;
using MythicDot.DependencyInjection;
using MythicDot.Internal;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="MythicDotClient"/> with <see cref="IServiceCollection"/>, sending through <c>IHttpClientFactory</c>.</summary>
/// <remarks>
/// The factory's primary handler is given what the default client's handler has: responses decompressed (gzip, deflate and,
/// where the platform has it, brotli) and redirects not followed. Decompression is only turned on where the handler has none,
/// and a primary handler the caller supplies with <c>ConfigurePrimaryHttpMessageHandler</c> on the returned builder replaces
/// the factory's after these settings are applied, so it is used exactly as given. The default client's pooled-connection
/// lifetime is not needed here: the factory rotates its handlers (every two minutes by default, <c>SetHandlerLifetime</c>).
/// <para>The SDK retries and times out each call itself (<see cref="MythicDotClientOptions.MaxRetries"/>, <see cref="MythicDotClientOptions.Timeout"/>),
/// so resilience handlers are removed from a MythicDot client's <see cref="HttpClient"/>: those of Microsoft.Extensions.Http.Resilience
/// (<c>AddStandardResilienceHandler</c>, <c>AddResilienceHandler</c>, as .NET Aspire's ServiceDefaults add to every client through
/// <c>ConfigureHttpClientDefaults</c>) and of Microsoft.Extensions.Http.Polly, wherever they were added. A call then makes exactly
/// <c>MaxRetries + 1</c> attempts and throws only MythicDot errors. Every other handler is kept.</para>
/// </remarks>
public static class MythicDotServiceCollectionExtensions
{
    /// <summary>The name of the <see cref="HttpClient"/> behind the default (unkeyed) client; keyed clients use <c>MythicDot:{name}</c>.</summary>
    public const string HttpClientName = "MythicDot";

    /// <summary>Registers a <see cref="MythicDotClient"/> with the key in <c>MYTHICDOT_API_KEY</c>, the base URL in <c>MYTHICDOT_BASE_URL</c>
    /// (or the default) and every other option at its default.</summary>
    /// <param name="services">The services.</param>
    /// <returns>The builder of the underlying <see cref="HttpClient"/>, to add handlers or configure it further.</returns>
    /// <remarks>The options are validated when the host starts: without <c>MYTHICDOT_API_KEY</c>, the start fails with a message naming it.</remarks>
    public static IHttpClientBuilder AddMythicDotClient(this IServiceCollection services) =>
        Register(services, name: null, static _ => { });

    /// <summary>Registers a <see cref="MythicDotClient"/> configured in code.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options; the key may instead come from <c>MYTHICDOT_API_KEY</c>.</param>
    /// <returns>The builder of the underlying <see cref="HttpClient"/>, to add handlers or configure it further.</returns>
    /// <remarks>The options are validated when the host starts (every failed rule in one message).</remarks>
    public static IHttpClientBuilder AddMythicDotClient(this IServiceCollection services, Action<MythicDotClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return Register(services, name: null, configure);
    }

    /// <summary>Registers a <see cref="MythicDotClient"/> bound to a configuration section (for example <c>configuration.GetSection("MythicDot")</c>).</summary>
    /// <param name="services">The services.</param>
    /// <param name="section">The section: <c>ApiKey</c>, <c>BaseUrl</c>, <c>MaxRetries</c>, <c>InitialRetryDelay</c>, <c>MaxRetryDelay</c>,
    /// <c>MaxRetryAfter</c>, <c>Timeout</c> (time spans as <c>hh:mm:ss</c> or <c>Infinite</c>), <c>ApiVersion</c>, <c>ApplicationId</c>,
    /// <c>MaxResponseBytes</c>, <c>MaxConcurrentRequests</c> (empty for no cap), <c>AllowInsecureHttp</c>, <c>LogBodies</c> and
    /// <c>DefaultHeaders</c> (a sub-section, header name to value). An unknown key is an error. <c>TimeProvider</c>, <c>LoggerFactory</c>,
    /// <c>RequestLimiter</c>, <c>TokenLimiter</c>, <c>TokenEstimator</c>, <c>Cooldown</c> and <c>CircuitBreaker</c> are objects: set them in code, with the <see cref="Action{T}"/> overload or <c>services.PostConfigure</c>.</param>
    /// <returns>The builder of the underlying <see cref="HttpClient"/>.</returns>
    public static IHttpClientBuilder AddMythicDotClient(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return Register(services, name: null, options => MythicDotConfigurationBinder.Bind(section, options));
    }

    /// <summary>Registers a keyed <see cref="MythicDotClient"/>, resolved with <c>[FromKeyedServices("name")]</c>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="name">The service key, also the options name.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder of the underlying <see cref="HttpClient"/>.</returns>
    public static IHttpClientBuilder AddMythicDotClient(this IServiceCollection services, string name, Action<MythicDotClientOptions> configure)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configure);
        return Register(services, name, configure);
    }

    /// <summary>Registers a keyed <see cref="MythicDotClient"/> bound to a configuration section.</summary>
    /// <param name="services">The services.</param>
    /// <param name="name">The service key, also the options name.</param>
    /// <param name="section">The configuration section (see the unkeyed overload for its keys).</param>
    /// <returns>The builder of the underlying <see cref="HttpClient"/>.</returns>
    public static IHttpClientBuilder AddMythicDotClient(this IServiceCollection services, string name, IConfiguration section)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(section);
        return Register(services, name, options => MythicDotConfigurationBinder.Bind(section, options));
    }

    /// <summary>The name of the <see cref="HttpClient"/> behind the default (unkeyed) admin client; keyed admin clients use <c>MythicDot.Admin:{name}</c>.</summary>
    public const string AdminHttpClientName = "MythicDot.Admin";

    /// <summary>Registers a <see cref="MythicDot.Admin.MythicDotAdminClient"/> with the admin key in <c>MYTHICDOT_ADMIN_KEY</c>.</summary>
    /// <param name="services">The services.</param>
    /// <returns>The builder of the underlying <see cref="HttpClient"/>.</returns>
    /// <remarks>Its options are registered apart from the <see cref="MythicDotClient"/>'s, so neither client sees the other's key; the host's
    /// start fails when the key does not start with <c>mythic-admin-</c>.</remarks>
    public static IHttpClientBuilder AddMythicDotAdminClient(this IServiceCollection services) =>
        RegisterAdmin(services, name: null, static _ => { });

    /// <summary>Registers a <see cref="MythicDot.Admin.MythicDotAdminClient"/> configured in code.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options; the key may instead come from <c>MYTHICDOT_ADMIN_KEY</c> (never from <c>MYTHICDOT_API_KEY</c>).</param>
    /// <returns>The builder of the underlying <see cref="HttpClient"/>.</returns>
    public static IHttpClientBuilder AddMythicDotAdminClient(this IServiceCollection services, Action<MythicDotClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return RegisterAdmin(services, name: null, configure);
    }

    /// <summary>Registers a keyed <see cref="MythicDot.Admin.MythicDotAdminClient"/>, resolved with <c>[FromKeyedServices("name")]</c>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="name">The service key.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder of the underlying <see cref="HttpClient"/>.</returns>
    public static IHttpClientBuilder AddMythicDotAdminClient(this IServiceCollection services, string name, Action<MythicDotClientOptions> configure)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configure);
        return RegisterAdmin(services, name, configure);
    }

    private static IHttpClientBuilder RegisterAdmin(IServiceCollection services, string? name, Action<MythicDotClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        var optionsName = MythicDotClientStates.AdminOptionsPrefix + (name ?? string.Empty);
        var httpClientName = name is null ? AdminHttpClientName : AdminHttpClientName + ":" + name;
        var builder = Configure(services, optionsName, httpClientName, configure);
        if (name is null)
        {
            services.TryAddTransient(provider => CreateAdmin(provider, optionsName, httpClientName));
        }
        else
        {
            services.AddKeyedTransient(name, (provider, _) => CreateAdmin(provider, optionsName, httpClientName));
        }

        return builder;
    }

    [SuppressMessage("Reliability", "CA2000:Dispose objects before losing scope", Justification = "IHttpClientFactory owns the handlers; its HttpClient need not be disposed.")]
    private static MythicDot.Admin.MythicDotAdminClient CreateAdmin(IServiceProvider provider, string optionsName, string httpClientName)
    {
        var state = provider.GetRequiredService<MythicDotClientStates>().Get(optionsName);
        var httpClient = provider.GetRequiredService<IHttpClientFactory>().CreateClient(httpClientName);
        return new MythicDot.Admin.MythicDotAdminClient(httpClient, state);
    }

    private static IHttpClientBuilder Register(IServiceCollection services, string? name, Action<MythicDotClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        var optionsName = name ?? Options.Options.DefaultName;
        var httpClientName = name is null ? HttpClientName : HttpClientName + ":" + name;
        var builder = Configure(services, optionsName, httpClientName, configure);
        if (name is null)
        {
            services.TryAddTransient(provider => Create(provider, optionsName, httpClientName));
        }
        else
        {
            services.AddKeyedTransient(name, (provider, _) => Create(provider, optionsName, httpClientName));
        }

        return builder;
    }

    private static IHttpClientBuilder Configure(IServiceCollection services, string optionsName, string httpClientName, Action<MythicDotClientOptions> configure)
    {

        services.AddOptions<MythicDotClientOptions>(optionsName)
            .Configure(configure)
            .PostConfigure<IServiceProvider>((options, provider) => options.LoggerFactory ??= provider.GetService<ILoggerFactory>()) // the host's logging
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MythicDotClientOptions>, MythicDotOptionsValidator>());
        services.TryAddSingleton<MythicDotClientStates>();

        var builder = services.AddHttpClient(httpClientName)
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan) // the SDK enforces MythicDotClientOptions.Timeout per attempt.
            .ConfigurePrimaryHttpMessageHandler(static (handler, _) => HandlerSettings.Apply(handler));

        // PostConfigure runs after every Configure, so this builder action comes after the ones that add resilience handlers,
        // whether ConfigureHttpClientDefaults was called before or after this method.
        services.PostConfigure<HttpClientFactoryOptions>(httpClientName, static options =>
            options.HttpMessageHandlerBuilderActions.Add(static builder => StackedResilience.RemoveFrom(builder.AdditionalHandlers)));
        return builder;
    }

    [SuppressMessage("Reliability", "CA2000:Dispose objects before losing scope", Justification = "IHttpClientFactory owns the handlers; its HttpClient need not be disposed.")]
    private static MythicDotClient Create(IServiceProvider provider, string optionsName, string httpClientName)
    {
        var state = provider.GetRequiredService<MythicDotClientStates>().Get(optionsName);
        var httpClient = provider.GetRequiredService<IHttpClientFactory>().CreateClient(httpClientName);
        return new MythicDotClient(httpClient, state);
    }
}
