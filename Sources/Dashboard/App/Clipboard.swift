import Foundation

/// The OSC 52 sequence that puts text on the clipboard of the terminal the user sits at,
/// even through SSH (the terminal, not the remote host, owns the clipboard). Inside tmux
/// it reaches the outer terminal when tmux has `set -g set-clipboard on`.
public enum Clipboard {
    /// `ESC ] 52 ; c ; base64 BEL`.
    public static func osc52(_ text: String) -> String {
        "\u{1B}]52;c;\(Data(text.utf8).base64EncodedString())\u{07}"
    }
}
