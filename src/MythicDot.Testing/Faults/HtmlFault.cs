using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using MythicDot.Testing.Internal;

namespace MythicDot.Testing.Faults;

/// <summary>An HTML error page, as an nginx-style proxy in front of the API sends.</summary>
internal sealed class HtmlFault(int statusCode) : EmulatorFault
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"Html({statusCode})");

    internal override async Task<bool> ApplyAsync(EmulatorRequestContext context)
    {
        var title = string.Create(CultureInfo.InvariantCulture, $"{statusCode} {ReasonPhrases.GetReasonPhrase(statusCode)}");
        var page = Encoding.UTF8.GetBytes(
            $"<html>\r\n<head><title>{title}</title></head>\r\n<body>\r\n<center><h1>{title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n");
        var response = context.Http.Response;
        response.StatusCode = statusCode;
        response.ContentType = "text/html";
        response.ContentLength = page.Length;
        await response.Body.WriteAsync(page, context.Http.RequestAborted).ConfigureAwait(false);
        return false;
    }
}
