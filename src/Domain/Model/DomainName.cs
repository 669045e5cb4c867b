using System.Globalization;

namespace Akka.Ingest.Domain;

/// <summary>
/// Normalises a domain as received (trim, lowercase, one trailing dot dropped, IDN to punycode) and
/// rejects what is not an email host name, so that one domain is always counted under one key.
/// </summary>
public static class DomainName
{
    public const int MaxLength = 253;
    public const int MaxLabelLength = 63;

    private static readonly IdnMapping Idn = new() { AllowUnassigned = false, UseStd3AsciiRules = false };

    public static bool TryNormalize(string? raw, out string normalized, out string error)
    {
        normalized = string.Empty;
        var candidate = raw?.Trim() ?? string.Empty;
        if (candidate.EndsWith('.'))
            candidate = candidate[..^1];
        if (candidate.Length == 0)
        {
            error = "The domain is empty.";
            return false;
        }

        if (!IsAscii(candidate))
        {
            try
            {
                candidate = Idn.GetAscii(candidate);
            }
            catch (ArgumentException)
            {
                error = "The domain is not a valid internationalised domain name.";
                return false;
            }
        }

        candidate = candidate.ToLowerInvariant();
        if (!IsHostName(candidate, out error))
            return false;

        normalized = candidate;
        return true;
    }

    public static string Normalize(string raw) =>
        TryNormalize(raw, out var normalized, out var error)
            ? normalized
            : throw new ArgumentException($"'{raw}' is not a valid domain: {error}", nameof(raw));

    private static bool IsHostName(string name, out string error)
    {
        if (name.Length > MaxLength)
        {
            error = $"The domain is longer than {MaxLength} characters.";
            return false;
        }

        var labels = 0;
        var labelLength = 0;
        foreach (var c in name)
        {
            if (c == '.')
            {
                if (labelLength == 0)
                {
                    error = "The domain has an empty label.";
                    return false;
                }
                labels++;
                labelLength = 0;
                continue;
            }

            if (!IsHostCharacter(c))
            {
                error = $"The domain contains '{Printable(c)}', which is not a letter, digit, hyphen or underscore.";
                return false;
            }

            if (++labelLength > MaxLabelLength)
            {
                error = $"A label of the domain is longer than {MaxLabelLength} characters.";
                return false;
            }
        }

        if (labelLength == 0)
        {
            error = "The domain has an empty label.";
            return false;
        }

        if (labels + 1 < 2)
        {
            error = "An email domain has at least two labels (for example example.com).";
            return false;
        }

        error = string.Empty;
        return true;
    }

    private static bool IsHostCharacter(char c) =>
        c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_';

    private static bool IsAscii(string s)
    {
        foreach (var c in s)
        {
            if (c > 0x7f)
                return false;
        }
        return true;
    }

    private static string Printable(char c) =>
        char.IsControl(c) || char.IsWhiteSpace(c) ? $"U+{(int)c:X4}" : c.ToString();
}
