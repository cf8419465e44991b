using System;
using System.IO;
using System.Linq;

namespace AzBackupTroubleshoot.Cli.Output
{
    /// <summary>A report's closing summary: a label column, then the value, wrapped under itself.</summary>
    internal sealed class SummaryLines
    {
        private readonly TextWriter _out;
        private readonly int _labelWidth;
        private readonly int _width;

        public SummaryLines(TextWriter output, int labelWidth, int width)
        {
            _out = output;
            _labelWidth = labelWidth;
            _width = width;
        }

        /// <summary>Room for a value right of the label column.</summary>
        public int ValueWidth => Math.Max(30, _width - _labelWidth - 2);

        /// <summary>One line; the value as given (it may hold colour codes, so it is not measured).</summary>
        public void Line(string label, string value)
            => _out.WriteLine("  " + (label.Length < _labelWidth ? label.PadRight(_labelWidth) : label + " ") + value);

        /// <summary>Plain text wrapped at word boundaries under the value column, each line painted by <paramref name="paint"/>.</summary>
        public void Wrapped(string label, string value, Func<string, string>? paint = null)
        {
            var lines = Text.Wrap(value, ValueWidth);
            for (var i = 0; i < lines.Count; i++) Line(i == 0 ? label : "", paint == null ? lines[i] : paint(lines[i]));
        }

        /// <summary>A plain line under the value column, cut at the end if too long.</summary>
        public void Under(string value) => Line("", Text.CutEnd(value, ValueWidth));
    }
}
