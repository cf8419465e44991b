using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;

namespace AzBackupTroubleshoot.Emulator.Endpoints;

/// <summary>
/// The scalar expressions of an <c>extend</c> stage the emulator evaluates, and nothing else (strict, as the query parser):
/// <code>
/// expr := column | 'literal' | integer | tolower(expr) | iff(expr =~ expr, expr, expr) | extract('regex', integer, expr)
/// </code>
/// Columns are the row's string columns (<c>id name type location kind managedBy</c>; type in lower case, as Resource
/// Graph holds it). Values are strings, as in KQL for these functions: extract gives "" when the regex does not match.
/// </summary>
internal abstract class ResourceGraphExpression
{
    /// <summary>The value for a row, whose string columns <paramref name="column"/> gives.</summary>
    public abstract string Evaluate(Func<string, string> column);

    public static ResourceGraphExpression Parse(string text)
    {
        var parser = new Parser(text);
        var expression = parser.Expression();
        parser.End();
        return expression;
    }

    private sealed class Column(string name) : ResourceGraphExpression
    {
        public override string Evaluate(Func<string, string> column) => column(name);
    }

    private sealed class Literal(string value) : ResourceGraphExpression
    {
        public override string Evaluate(Func<string, string> column) => value;
    }

    private sealed class ToLower(ResourceGraphExpression inner) : ResourceGraphExpression
    {
        public override string Evaluate(Func<string, string> column) => inner.Evaluate(column).ToLowerInvariant();
    }

    /// <summary>iff(a =~ b, then, else): =~ is KQL's case-insensitive equality.</summary>
    private sealed class Iff(ResourceGraphExpression left, ResourceGraphExpression right, ResourceGraphExpression then, ResourceGraphExpression otherwise) : ResourceGraphExpression
    {
        public override string Evaluate(Func<string, string> column)
            => string.Equals(left.Evaluate(column), right.Evaluate(column), StringComparison.OrdinalIgnoreCase) ? then.Evaluate(column) : otherwise.Evaluate(column);
    }

    private sealed class Extract(Regex regex, int group, ResourceGraphExpression source) : ResourceGraphExpression
    {
        public override string Evaluate(Func<string, string> column)
            => regex.Match(source.Evaluate(column)) is { Success: true } m && m.Groups[group].Success ? m.Groups[group].Value : "";
    }

    /// <summary>Recursive descent over the text; any other token or function is a <see cref="FormatException"/>.</summary>
    private sealed class Parser(string text)
    {
        private int _at;

        public ResourceGraphExpression Expression()
        {
            Skip();
            if (Peek() == '\'') return new Literal(StringLiteral());
            if (char.IsDigit(Peek())) return new Literal(Integer().ToString(CultureInfo.InvariantCulture));
            var name = Name();
            Skip();
            if (Peek() != '(')
                return ResourceGraphEndpoint.StringColumns.Contains(name) ? new Column(name) : throw new FormatException($"Unsupported column in an expression: '{name}'.");
            Expect('(');
            ResourceGraphExpression result;
            switch (name)
            {
                case "tolower":
                    result = new ToLower(Expression());
                    break;
                case "iff":
                    var left = Expression();
                    ExpectOperator("=~");
                    var right = Expression();
                    Expect(',');
                    var then = Expression();
                    Expect(',');
                    result = new Iff(left, right, then, Expression());
                    break;
                case "extract":
                    Skip();
                    var pattern = StringLiteral();
                    Expect(',');
                    Skip();
                    var group = Integer();
                    Expect(',');
                    Regex regex;
                    try
                    {
                        regex = new Regex(pattern, RegexOptions.CultureInvariant);
                    }
                    catch (ArgumentException ex)
                    {
                        throw new FormatException($"Not a regular expression: '{pattern}' ({ex.Message}).");
                    }
                    result = new Extract(regex, group, Expression());
                    break;
                default:
                    throw new FormatException($"Unsupported function: '{name}'.");
            }
            Expect(')');
            return result;
        }

        public void End()
        {
            Skip();
            if (_at < text.Length) throw new FormatException($"Unexpected text in an expression: '{text[_at..]}'.");
        }

        private char Peek() => _at < text.Length ? text[_at] : '\0';

        private void Skip()
        {
            while (_at < text.Length && char.IsWhiteSpace(text[_at])) _at++;
        }

        private void Expect(char ch)
        {
            Skip();
            if (Peek() != ch) throw new FormatException($"Expected '{ch}' at {_at} in '{text}'.");
            _at++;
        }

        private void ExpectOperator(string op)
        {
            Skip();
            if (string.CompareOrdinal(text, _at, op, 0, op.Length) != 0) throw new FormatException($"Expected '{op}' at {_at} in '{text}'.");
            _at += op.Length;
        }

        private string Name()
        {
            var start = _at;
            while (_at < text.Length && (char.IsLetterOrDigit(text[_at]) || text[_at] == '_')) _at++;
            if (_at == start) throw new FormatException($"Expected a name at {_at} in '{text}'.");
            return text[start.._at];
        }

        private int Integer()
        {
            var start = _at;
            while (_at < text.Length && char.IsDigit(text[_at])) _at++;
            return int.TryParse(text[start.._at], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw new FormatException($"Expected an integer at {start} in '{text}'.");
        }

        /// <summary>'...' with no escapes (the engine sends none).</summary>
        private string StringLiteral()
        {
            if (Peek() != '\'') throw new FormatException($"Expected a string literal at {_at} in '{text}'.");
            var end = text.IndexOf('\'', _at + 1);
            if (end < 0) throw new FormatException("A string literal is not closed.");
            var value = text[(_at + 1)..end];
            if (value.Contains('\\')) throw new FormatException("Escapes in string literals are not served by the emulator.");
            _at = end + 1;
            return value;
        }
    }
}
