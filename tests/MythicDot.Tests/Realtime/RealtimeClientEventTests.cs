using System.Buffers;
using System.Text;
using System.Text.Json;

namespace MythicDot.Tests.Realtime;

/// <summary>The exact JSON each client event is sent as.</summary>
public sealed class RealtimeClientEventTests
{
    [Fact]
    public void SessionUpdate_EverySessionField_WrittenInTheApisShape()
    {
        var update = new SessionUpdateEvent(new()
        {
            Modalities = [RealtimeModality.Text, RealtimeModality.Audio],
            Voice = RealtimeVoice.Nova,
            Instructions = "Be brief.",
            InputAudioFormat = RealtimeAudioFormat.Pcm16,
            OutputAudioFormat = RealtimeAudioFormat.G711Ulaw,
            TurnDetection = JsonElement("null"),
            Tools = [RealtimeTool.CreateFunction("get_weather", "Weather", """{"type":"object"}""")],
            ToolChoice = "auto",
            Temperature = 0.7,
        })
        { EventId = "evt_1" };

        Assert.Equal(
            """{"type":"session.update","event_id":"evt_1","session":{"modalities":["text","audio"],"voice":"nova","instructions":"Be brief.","input_audio_format":"pcm16","output_audio_format":"g711_ulaw","turn_detection":null,"tools":[{"type":"function","name":"get_weather","description":"Weather","parameters":{"type":"object"}}],"tool_choice":"auto","temperature":0.7}}""",
            Serialize(update));
    }

    [Fact]
    public void SessionUpdate_OnlyVoice_SendsOnlyVoice()
    {
        Assert.Equal("""{"type":"session.update","session":{"voice":"shimmer"}}""", Serialize(new SessionUpdateEvent(new() { Voice = RealtimeVoice.Shimmer })));
    }

    [Fact]
    public void SessionUpdate_UnknownVoice_SentAsGiven()
    {
        Assert.Equal("""{"type":"session.update","session":{"voice":"baritone"}}""", Serialize(new SessionUpdateEvent(new() { Voice = new RealtimeVoice("baritone") })));
    }

    [Fact]
    public void InputAudioBufferAppend_Bytes_SentAsBase64()
    {
        Assert.Equal("""{"type":"input_audio_buffer.append","audio":"AQID/w=="}""", Serialize(new InputAudioBufferAppendEvent(new byte[] { 1, 2, 3, 255 })));
    }

    [Fact]
    public void InputAudioBufferAppend_Empty_SentAsEmptyString()
    {
        Assert.Equal("""{"type":"input_audio_buffer.append","audio":""}""", Serialize(new InputAudioBufferAppendEvent()));
    }

    [Fact]
    public void InputAudioBufferCommitAndClear_TypeOnly()
    {
        Assert.Equal("""{"type":"input_audio_buffer.commit"}""", Serialize(new InputAudioBufferCommitEvent()));
        Assert.Equal("""{"type":"input_audio_buffer.clear","event_id":"c"}""", Serialize(new InputAudioBufferClearEvent { EventId = "c" }));
    }

    [Fact]
    public void ConversationItemCreate_UserMessage_InputTextPart()
    {
        Assert.Equal(
            """{"type":"conversation.item.create","item":{"type":"message","role":"user","content":[{"type":"input_text","text":"Hello"}]}}""",
            Serialize(new ConversationItemCreateEvent(RealtimeConversationItem.UserMessage("Hello"))));
    }

    [Fact]
    public void ConversationItemCreate_FunctionCallOutputAfterAnItem()
    {
        Assert.Equal(
            """{"type":"conversation.item.create","previous_item_id":"item_1","item":{"type":"function_call_output","call_id":"call_1","output":"42"}}""",
            Serialize(new ConversationItemCreateEvent(RealtimeConversationItem.FunctionCallOutput("call_1", "42")) { PreviousItemId = "item_1" }));
    }

    [Fact]
    public void ConversationItemCreate_AudioPart_SentAsBase64()
    {
        var item = new RealtimeConversationItem { Type = "message", Role = ChatRole.User, Content = [RealtimeContentPart.InputAudio(new byte[] { 0, 1 })] };

        Assert.Equal("""{"type":"conversation.item.create","item":{"type":"message","role":"user","content":[{"type":"input_audio","audio":"AAE="}]}}""", Serialize(new ConversationItemCreateEvent(item)));
    }

    [Fact]
    public void ResponseCreate_NoOptions_TypeOnly()
    {
        Assert.Equal("""{"type":"response.create"}""", Serialize(new ResponseCreateEvent()));
    }

    [Fact]
    public void ResponseCreate_Options_WithExtraFields()
    {
        var create = new ResponseCreateEvent
        {
            Response = new RealtimeResponseOptions
            {
                Modalities = [RealtimeModality.Text],
                Instructions = "Hi",
                Voice = RealtimeVoice.Echo,
                OutputAudioFormat = RealtimeAudioFormat.G711Alaw,
                Temperature = 1,
                MaxOutputTokens = 50,
                AdditionalProperties = new Dictionary<string, JsonElement> { ["conversation"] = JsonElement("\"none\"") },
            },
        };

        Assert.Equal(
            """{"type":"response.create","response":{"modalities":["text"],"instructions":"Hi","voice":"echo","output_audio_format":"g711_alaw","temperature":1,"max_output_tokens":50,"conversation":"none"}}""",
            Serialize(create));
    }

    [Fact]
    public void ResponseCancel_WithAndWithoutId()
    {
        Assert.Equal("""{"type":"response.cancel"}""", Serialize(new ResponseCancelEvent()));
        Assert.Equal("""{"type":"response.cancel","response_id":"resp_1"}""", Serialize(new ResponseCancelEvent { ResponseId = "resp_1" }));
    }

    [Fact]
    public void AdditionalProperties_SentAfterTheTypedFields()
    {
        var commit = new InputAudioBufferCommitEvent { EventId = "e", AdditionalProperties = new Dictionary<string, JsonElement> { ["x_debug"] = JsonElement("true") } };

        Assert.Equal("""{"type":"input_audio_buffer.commit","event_id":"e","x_debug":true}""", Serialize(commit));
    }

    [Theory]
    [InlineData("type")]
    [InlineData("event_id")]
    public void Validate_AdditionalPropertyTheSdkSends_Refused(string name)
    {
        var commit = new InputAudioBufferCommitEvent { AdditionalProperties = new Dictionary<string, JsonElement> { [name] = JsonElement("\"x\"") } };

        var error = Assert.Throws<ArgumentException>(() => commit.Validate("clientEvent"));

        Assert.Equal("clientEvent", error.ParamName);
    }

    [Fact]
    public void Validate_NullSessionOrItem_Refused()
    {
        Assert.Throws<ArgumentException>(() => new SessionUpdateEvent { Session = null! }.Validate("e"));
        Assert.Throws<ArgumentException>(() => new ConversationItemCreateEvent { Item = null! }.Validate("e"));
    }

    internal static string Serialize(RealtimeClientEvent clientEvent)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            clientEvent.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static JsonElement JsonElement(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
