// Test only (the scenario `assist` copies it into code-server's extensions dir and enables the
// proposed `chatProvider` API for it alone): a language model that answers from a script. It cites
// the first event the prompt offers and one that does not exist, so a test sees the real one linked
// and the invented one dropped.
const vscode = require('vscode');

/** What it was last asked, for the test (through this extension's exports). */
const requests = [];

function answerFor(text) {
  const cited = /\[E:([0-9a-z-]+)\]/.exec(text);
  const ref = cited ? `[E:${cited[1]}]` : '';
  if (text.includes('Suggest 3-7 action items')) {
    return ['- [ ] (detect) Alert on search p99 over 2 s ', `${ref}\n- [ ] Load-test index deploys before release\n`];
  }
  if (text.includes('Draft the contributing factors')) {
    return [`- The on-call engineer forgot to check the index size ${ref}\n`, '- The deploy had no latency gate'];
  }
  if (text.includes('Draft a status update')) {
    return ['We are investigating slow searches ', `affecting our service ${ref}. `, 'Next update in 30 minutes.'];
  }
  return [
    '## What we know\n',
    `Search latency rose after a deploy ${ref}`,
    `; a made-up claim [E:invented0000]. `,
    'Nothing else is known.',
  ];
}

function activate(context) {
  const provider = {
    async provideLanguageModelResponse(messages, _options, _extensionId, progress, token) {
      const text = messages
        .map((m) => m.content.map((part) => (part instanceof vscode.LanguageModelTextPart ? part.value : '')).join(''))
        .join('\n');
      requests.push(text);
      for (const chunk of answerFor(text)) {
        if (token.isCancellationRequested) {
          return;
        }
        progress.report({ index: 0, part: new vscode.LanguageModelTextPart(chunk) });
      }
    },
    async provideTokenCount(text) {
      const value = typeof text === 'string' ? text : JSON.stringify(text);
      return Math.ceil(value.length / 4);
    },
  };
  context.subscriptions.push(
    vscode.lm.registerChatModelProvider('scripted', provider, {
      vendor: 'warroom-test',
      name: 'Scripted',
      family: 'scripted',
      version: '1',
      maxInputTokens: 8000,
      maxOutputTokens: 1000,
      isUserSelectable: true,
    }),
  );
  return { requests };
}

module.exports = { activate };
