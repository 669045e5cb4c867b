using System.Buffers;
using System.Text;
using System.Text.Unicode;
using System.Text.Json;
using Akka.Ingest.Domain;

namespace Akka.Ingest.Pipeline.Http;

/// <summary>
/// Reads a bulk body, NDJSON (one <c>{"domain","kind"}</c> object a line) or one JSON array of such objects, and
/// validates all of it before anything is applied: the first bad line (or array item) fails the whole body.
/// Domains are normalised as for a PUT; a body repeats few distinct domains, so each is normalised once.
/// </summary>
public sealed class BulkEventReader
{
    private const int MaxDomainChars = 1024;

    private readonly Dictionary<string, string> _normalized = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly List<DomainEvent> _events;

    private BulkEventReader(int capacityHint)
    {
        _lookup = _normalized.GetAlternateLookup<ReadOnlySpan<char>>();
        _events = new List<DomainEvent>(capacityHint);
    }

    /// <summary>Events in body order, or the problem with the first invalid line (1-based) or array item (1-based).</summary>
    public static bool TryRead(ReadOnlySpan<byte> body, out List<DomainEvent> events, out BulkLineError? error)
    {
        // About 40 bytes a line: enough room for most bodies without regrowing.
        var reader = new BulkEventReader(Math.Max(16, body.Length / 40));
        events = reader._events;
        var start = FirstNonWhitespace(body);
        if (start < 0)
        {
            error = new BulkLineError("body", 0, "The body is empty: send NDJSON lines or a JSON array of {\"domain\",\"kind\"} objects.");
            return false;
        }

        error = body[start] == (byte)'[' ? reader.ReadArray(body) : reader.ReadLines(body);
        if (error is null && events.Count == 0)
            error = new BulkLineError("body", 0, "The body holds no events.");
        return error is null;
    }

    private BulkLineError? ReadLines(ReadOnlySpan<byte> body)
    {
        var lineNumber = 0;
        while (body.Length > 0)
        {
            lineNumber++;
            var end = body.IndexOf((byte)'\n');
            var line = end < 0 ? body : body[..end];
            body = end < 0 ? default : body[(end + 1)..];
            if (FirstNonWhitespace(line) < 0)
                continue;
            // Utf8JsonReader leaves the bytes inside strings unchecked; GetString() would throw on them later.
            if (!Utf8.IsValid(line))
                return new BulkLineError("line", lineNumber, "The line is not valid UTF-8.");

            var json = new Utf8JsonReader(line);
            try
            {
                if (!json.Read() || json.TokenType != JsonTokenType.StartObject)
                    return new BulkLineError("line", lineNumber, "Expected one JSON object {\"domain\",\"kind\"} on the line.");
                if (ReadEvent(ref json) is { } problem)
                    return new BulkLineError("line", lineNumber, problem);
                if (json.Read())
                    return new BulkLineError("line", lineNumber, "Expected nothing after the object on the line.");
            }
            catch (JsonException ex)
            {
                return new BulkLineError("line", lineNumber, $"Not valid JSON: {ex.Message}");
            }
        }
        return null;
    }

    private BulkLineError? ReadArray(ReadOnlySpan<byte> body)
    {
        var json = new Utf8JsonReader(body);
        var item = 0;
        try
        {
            json.Read();
            while (json.Read() && json.TokenType != JsonTokenType.EndArray)
            {
                item++;
                if (json.TokenType != JsonTokenType.StartObject)
                    return new BulkLineError("item", item, "Expected a JSON object {\"domain\",\"kind\"}.");
                if (ReadEvent(ref json) is { } problem)
                    return new BulkLineError("item", item, problem);
            }
            if (json.TokenType != JsonTokenType.EndArray || json.Read())
                return new BulkLineError("item", item, "Expected the array to end the body.");
        }
        catch (JsonException ex)
        {
            return new BulkLineError("item", item + 1, $"Not valid JSON: {ex.Message}");
        }
        catch (InvalidOperationException)
        {
            // GetString() found bytes inside a string that are not UTF-8 (the reader does not check them).
            return new BulkLineError("item", Math.Max(item, 1), "The item is not valid UTF-8.");
        }
        return null;
    }

    /// <summary>Reads one object (the reader is on its StartObject) and adds its event; the problem otherwise.</summary>
    private string? ReadEvent(ref Utf8JsonReader json)
    {
        string? domain = null;
        EventKind? kind = null;
        while (json.Read() && json.TokenType == JsonTokenType.PropertyName)
        {
            if (json.ValueTextEquals("domain"u8))
            {
                json.Read();
                if (json.TokenType != JsonTokenType.String)
                    return "\"domain\" must be a string.";
                if (!TryNormalize(ref json, out domain, out var error))
                    return error;
            }
            else if (json.ValueTextEquals("kind"u8))
            {
                json.Read();
                if (json.TokenType != JsonTokenType.String)
                    return "\"kind\" must be \"delivered\" or \"bounced\".";
                kind = json.ValueTextEquals("delivered"u8) ? EventKind.Delivered
                    : json.ValueTextEquals("bounced"u8) ? EventKind.Bounced
                    : null;
                if (kind is null)
                    return "\"kind\" must be \"delivered\" or \"bounced\".";
            }
            else
            {
                json.Skip();
            }
        }

        if (domain is null)
            return "\"domain\" is missing.";
        if (kind is null)
            return "\"kind\" is missing.";
        _events.Add(new DomainEvent(domain, kind.Value));
        return null;
    }

    private bool TryNormalize(ref Utf8JsonReader json, out string domain, out string error)
    {
        var length = json.HasValueSequence ? json.ValueSequence.Length : json.ValueSpan.Length;
        if (length > MaxDomainChars)
        {
            // Never materialise (or echo) what cannot be a host name.
            domain = string.Empty;
            error = $"Invalid domain: longer than {MaxDomainChars} bytes.";
            return false;
        }
        if (json.ValueIsEscaped)
            return Normalize(json.GetString()!, out domain, out error);

        Span<char> chars = stackalloc char[MaxDomainChars];
        var written = json.HasValueSequence
            ? Encoding.UTF8.GetChars(json.ValueSequence.ToArray(), chars)
            : Encoding.UTF8.GetChars(json.ValueSpan, chars);
        if (_lookup.TryGetValue(chars[..written], out var known))
        {
            domain = known;
            error = string.Empty;
            return true;
        }
        return Normalize(new string(chars[..written]), out domain, out error);
    }

    private bool Normalize(string raw, out string domain, out string error)
    {
        if (_normalized.TryGetValue(raw, out domain!))
        {
            error = string.Empty;
            return true;
        }
        if (!DomainName.TryNormalize(raw, out domain, out error))
        {
            error = $"Invalid domain '{Shortened(raw)}': {error}";
            return false;
        }
        _normalized[raw] = domain;
        return true;
    }

    private static string Shortened(string raw) => raw.Length <= 80 ? raw : raw[..80] + "…";

    private static int FirstNonWhitespace(ReadOnlySpan<byte> bytes) => bytes.IndexOfAnyExcept(" \t\r\n"u8);
}
