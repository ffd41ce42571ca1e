// The VS Code client of `yijian lsp`: starts the language server for .yj
// files; everything else (diagnostics, navigation, completion, formatting)
// comes from the server.
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const command = vscode.workspace.getConfiguration("yijian").get("path") || "yijian";
  client = new LanguageClient(
    "yijian",
    "yijian",
    { command, args: ["lsp"] },
    {
      documentSelector: [{ scheme: "file", language: "yijian" }],
      synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher("**/*.yj") },
    }
  );
  context.subscriptions.push({ dispose: () => client && client.stop() });
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
