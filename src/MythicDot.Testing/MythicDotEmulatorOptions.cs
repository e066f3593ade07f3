namespace MythicDot.Testing;

/// <summary>Settings for a <see cref="MythicDotEmulator"/>. The emulator reads them once, when it starts.</summary>
public sealed class MythicDotEmulatorOptions
{
    /// <summary>The key the emulator accepts unless told otherwise.</summary>
    public const string DefaultApiKey = "sk-emulator-key";

    /// <summary>The admin key the emulator accepts on <c>/organization/...</c> unless told otherwise.</summary>
    public const string DefaultAdminKey = "mythic-admin-emulator-key";

    /// <summary>The default of <see cref="StreamChunkSize"/>: four characters, about one token of English text.</summary>
    public const int DefaultStreamChunkSize = 4;

    /// <summary>Gets or sets the only API key the emulator accepts in <c>Authorization: Bearer</c>.</summary>
    /// <value>The default is <see cref="DefaultApiKey"/> (<c>sk-emulator-key</c>). Any other key, or none, gets HTTP 401 <c>invalid_api_key</c>.</value>
    public string ApiKey { get; set; } = DefaultApiKey;

    /// <summary>Gets or sets the admin key the emulator accepts on the Admin API (<c>/v1/organization/...</c>), beside the admin keys created
    /// through <c>POST /organization/api-keys</c>.</summary>
    /// <value>The default is <see cref="DefaultAdminKey"/> (<c>mythic-admin-emulator-key</c>). On an organization route, <see cref="ApiKey"/>
    /// gets HTTP 403 <c>permission_error</c> and an unknown key 401; an admin key on any other route gets 401.</value>
    public string AdminKey { get; set; } = DefaultAdminKey;

    /// <summary>Gets or sets the scopes <see cref="AdminKey"/> holds (<c>members.read</c>, <c>api_keys.write</c>, ...).</summary>
    /// <value>The default is <see langword="null"/>: every scope. A call needing a scope the key lacks gets HTTP 403 <c>permission_error</c>
    /// naming the scope.</value>
    public IReadOnlyCollection<string>? AdminKeyScopes { get; set; }

    /// <summary>Gets or sets the emulator's clock: <see cref="RecordedRequest.ReceivedAt"/>, <c>created</c> in responses,
    /// HTTP-date <c>Retry-After</c> values, <see cref="EmulatorFault.Stall(TimeSpan?)"/> delays and the rate-limit window.</summary>
    /// <value>The default is <see cref="TimeProvider.System"/>. Give the emulator the same fake clock as the client so that
    /// HTTP dates and waits line up exactly.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Gets or sets the envelope of the errors the emulator itself returns (401, 400, 404, 429), as opposed to queued faults.</summary>
    /// <value>The default is <see cref="Testing.ErrorEnvelope.Nested"/>, <c>{"error":{"message","type","param","code"}}</c>, the shape
    /// the API's public pages show (and OpenAI-compatible servers send). Set <see cref="Testing.ErrorEnvelope.Flat"/> for the error
    /// reference's <c>{"success":false,...,"request_id"}</c>.</value>
    /// <remarks>A nested error's <c>type</c> follows from its code, in OpenAI's style: <c>invalid_request_error</c> (400 and 404 codes),
    /// <c>authentication_error</c>, <c>permission_error</c>, <c>rate_limit_error</c> or <c>server_error</c>. Nested bodies carry no
    /// <c>request_id</c>; the <c>x-request-id</c> header always does.</remarks>
    public ErrorEnvelope ErrorEnvelope { get; set; } = ErrorEnvelope.Nested;

    /// <summary>Gets or sets how many characters of text each chunk of a streamed chat completion carries: the reply's
    /// <c>delta.content</c>, and the <c>arguments</c> fragments of a streamed tool call.</summary>
    /// <value>The default is <see cref="DefaultStreamChunkSize"/> (4). Must be at least 1. A chunk never splits a surrogate pair,
    /// so a chunk may carry one character more than asked.</value>
    /// <remarks>Set it to <see cref="int.MaxValue"/> for the whole reply in one content chunk.</remarks>
    public int StreamChunkSize { get; set; } = DefaultStreamChunkSize;

    /// <summary>Gets or sets whether streams carry a <c>: keep-alive</c> comment line between events, as some proxies and
    /// servers send to keep an idle connection open. Clients must ignore it.</summary>
    /// <value>The default is <see langword="false"/>.</value>
    public bool StreamKeepAlive { get; set; }

    /// <summary>Gets or sets the requests the emulator allows per <see cref="RateLimitWindow"/> (one minute by default) before it
    /// answers HTTP 429 <c>rate_limit_exceeded</c> with <c>Retry-After</c> (whole seconds to the end of the window) and
    /// <c>retry_after</c> in the body.</summary>
    /// <value>The default is <see langword="null"/>: no limit is enforced, and the <c>x-ratelimit-*</c> headers report the top tier's
    /// 10,000 requests per window. Must be at least 1 when set.</value>
    /// <remarks>A window opens with the first request after the previous one closed and lasts <see cref="RateLimitWindow"/> on
    /// <see cref="TimeProvider"/>. Every request received counts, faulted and rejected ones included; the limit is checked after
    /// queued faults and the key.</remarks>
    public int? RequestsPerMinute { get; set; }

    /// <summary>Gets or sets the tokens the emulator serves per <see cref="RateLimitWindow"/> (one minute by default) before it
    /// answers HTTP 429 <c>rate_limit_exceeded</c>, with the same <c>Retry-After</c> and <c>retry_after</c> as
    /// <see cref="RequestsPerMinute"/> and a message naming the token limit.</summary>
    /// <value>The default is <see langword="null"/>: no limit is enforced, and the <c>x-ratelimit-*</c> headers report the top tier's
    /// 2,000,000 tokens per window. Must be at least 1 when set.</value>
    /// <remarks>The tokens counted are those of the usage the emulator reports (prompt and completion, input and output). A reply's
    /// tokens are counted once it is served, so the request that crosses the limit is answered in full and the requests that
    /// arrive after it, until the window closes, get 429.</remarks>
    public int? TokensPerMinute { get; set; }

    /// <summary>Gets or sets the length of the window in which <see cref="RequestsPerMinute"/> and <see cref="TokensPerMinute"/>
    /// are counted, on <see cref="TimeProvider"/>; the <c>x-ratelimit-reset-*</c> headers and a 429's wait count down to its end.</summary>
    /// <value>The default is one minute. Must be positive and at most one day.</value>
    /// <remarks>A short window keeps rate-limit tests quick on the real clock: <c>RequestsPerMinute = 60</c> with a 5 s window
    /// allows 60 requests every 5 s.</remarks>
    public TimeSpan RateLimitWindow { get; set; } = Internal.EmulatorDefaults.RateLimitWindow;

    /// <summary>Gets or sets how long a batch's requests take to run, on <see cref="TimeProvider"/>: a batch is <c>validating</c> for
    /// 1 s, <c>in_progress</c> for this long (its <c>request_counts</c> growing in proportion to the time elapsed), <c>finalizing</c>
    /// for 1 s, then <c>completed</c> with its output and error files.</summary>
    /// <value>The default is <see langword="null"/>: 1 ms per request (10 s per 10,000), at least 1 s. Must be positive when set.</value>
    public TimeSpan? BatchDuration { get; set; }
}
