namespace TerminologyServer.Engine.Snomed;

/// <summary>
/// SNOMED CT identifiers: 6 to 18 digits, no leading zero, a partition identifier and a Verhoeff check digit last
/// (https://confluence.ihtsdotools.org/display/DOCRELFMT/6.1+SCTID+Data+Type).
/// </summary>
public static class Sctid
{
    private static readonly byte[,] Multiply =
    {
        { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 }, { 1, 2, 3, 4, 0, 6, 7, 8, 9, 5 }, { 2, 3, 4, 0, 1, 7, 8, 9, 5, 6 },
        { 3, 4, 0, 1, 2, 8, 9, 5, 6, 7 }, { 4, 0, 1, 2, 3, 9, 5, 6, 7, 8 }, { 5, 9, 8, 7, 6, 0, 4, 3, 2, 1 },
        { 6, 5, 9, 8, 7, 1, 0, 4, 3, 2 }, { 7, 6, 5, 9, 8, 2, 1, 0, 4, 3 }, { 8, 7, 6, 5, 9, 3, 2, 1, 0, 4 },
        { 9, 8, 7, 6, 5, 4, 3, 2, 1, 0 },
    };

    private static readonly byte[,] Permute =
    {
        { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 }, { 1, 5, 7, 6, 2, 8, 3, 0, 9, 4 }, { 5, 8, 0, 3, 7, 9, 6, 1, 4, 2 },
        { 8, 9, 1, 6, 0, 4, 3, 5, 2, 7 }, { 9, 4, 5, 3, 1, 2, 6, 8, 7, 0 }, { 4, 2, 8, 6, 5, 7, 3, 9, 0, 1 },
        { 2, 7, 9, 3, 8, 0, 6, 4, 1, 5 }, { 7, 0, 4, 6, 9, 1, 3, 2, 5, 8 },
    };

    /// <summary>True when <paramref name="text"/> has the form of an SCTID and its Verhoeff check digit is right.</summary>
    public static bool IsValid(ReadOnlySpan<char> text)
    {
        if (text.Length is < 6 or > 18 || text[0] == '0')
        {
            return false;
        }

        return HasValidCheckDigit(text);
    }

    /// <summary>True when <paramref name="digits"/> are all digits and the last is the Verhoeff check digit of the others.</summary>
    public static bool HasValidCheckDigit(ReadOnlySpan<char> digits)
    {
        var check = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var c = digits[digits.Length - 1 - i];
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            check = Multiply[check, Permute[i % 8, c - '0']];
        }

        return check == 0;
    }

    /// <summary>The partition identifier (the two digits before the check digit): 0x concept, 1x description, 2x relationship.</summary>
    public static int Partition(ReadOnlySpan<char> text) => text.Length < 3 ? -1 : ((text[^3] - '0') * 10) + (text[^2] - '0');

    /// <summary>True when <paramref name="text"/> is a valid SCTID of a concept (partition 00 or 10).</summary>
    public static bool IsConceptId(ReadOnlySpan<char> text) => IsValid(text) && Partition(text) % 10 == 0 && Partition(text) / 10 is 0 or 1;
}
