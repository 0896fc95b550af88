import Foundation

/// The OSC 52 sequence that puts text on the clipboard of the terminal the user sits at,
/// even through SSH (the terminal, not the remote host, owns the clipboard).
public enum Clipboard {
    /// `ESC ] 52 ; c ; base64 BEL`, wrapped for tmux's passthrough when inside tmux.
    public static func osc52(_ text: String, insideTmux: Bool) -> String {
        let payload = Data(text.utf8).base64EncodedString()
        let sequence = "\u{1B}]52;c;\(payload)\u{07}"
        guard insideTmux else { return sequence }
        return "\u{1B}Ptmux;" + sequence.replacingOccurrences(of: "\u{1B}", with: "\u{1B}\u{1B}") + "\u{1B}\\"
    }
}
