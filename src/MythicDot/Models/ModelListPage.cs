namespace MythicDot.Models;

/// <summary>The wire shape of <c>GET /models</c>: <c>{"object":"list","data":[...]}</c>.</summary>
internal sealed class ModelListPage : ApiResponse
{
    public List<Model> Data { get; set; } = [];
}
