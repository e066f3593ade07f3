namespace MythicDot.Testing;

/// <summary>The two shapes of error body the MythicDot API sends.</summary>
public enum ErrorEnvelope
{
    /// <summary>The error reference's flat body: <c>{"success":false,"message":...,"code":...,"param":...,"retry_after":...,"request_id":...}</c>.</summary>
    Flat,

    /// <summary>The public API pages' nested body, OpenAI's shape: <c>{"error":{"message":...,"type":...,"param":...,"code":...}}</c>.
    /// The emulator's default.</summary>
    Nested,
}
