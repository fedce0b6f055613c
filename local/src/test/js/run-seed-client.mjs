// Drives the seed document's FikoWebSocket against a gateway and prints, as JSON lines, every call its handlers make
// into the UI, and the close code of a socket opened with a bad token. Usage:
//   node run-seed-client.mjs <ws base url> <token> <conversation id> <colleague token>
import WebSocket from 'ws';
import { defineSeedClasses } from '../../main/resources/fiko-console/seed/fiko-client.js';

globalThis.WebSocket = WebSocket;
const [base, token, conversationId, colleagueToken] = process.argv.slice(2);
const { FikoWebSocket } = defineSeedClasses(base);
const calls = [];
const record = (who, name, ...args) => {
  calls.push({ who, name, args });
  process.stdout.write(JSON.stringify({ who, name, args }) + '\n');
};

// The UI the document's handlers call into, recorded instead of drawn.
class RecordingUi extends FikoWebSocket {
  constructor(who, token) { super(token); this.who = who; }
  updateConversationsList(conversations) { record(this.who, 'updateConversationsList', conversations); }
  showNotification(message) { record(this.who, 'showNotification', message); }
  updateConversationInList(id) { record(this.who, 'updateConversationInList', id); }
  playNotificationSound() { record(this.who, 'playNotificationSound'); }
  refreshConversation(id) { record(this.who, 'refreshConversation', id); }
  showError(error) { record(this.who, 'showError', error); }
  loadRecentMessages(messages) { record(this.who, 'loadRecentMessages', messages); }
  addMessageToChat(message) { record(this.who, 'addMessageToChat', message); }
  scrollToBottom() {}
  showTypingIndicator(username, isTyping) { record(this.who, 'showTypingIndicator', username, isTyping); }
  updateUserPresence(userId, isOnline) { record(this.who, 'updateUserPresence', userId, isOnline); }
  markMessagesAsRead(userId) { record(this.who, 'markMessagesAsRead', userId); }
}

const until = async (predicate, what) => {
  for (let i = 0; i < 200; i++) {
    if (calls.some(predicate)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('Timed out waiting for ' + what);
};

const agent = new RecordingUi('agent', token);
agent.connectToConversations();
await until((c) => c.who === 'agent' && c.name === 'updateConversationsList', 'the conversation list');
agent.connectToChat(conversationId);
await until((c) => c.who === 'agent' && c.name === 'loadRecentMessages', 'recent messages');

const colleague = new RecordingUi('colleague', colleagueToken);
colleague.connectToChat(conversationId);
await until((c) => c.who === 'colleague' && c.name === 'loadRecentMessages', "the colleague's recent messages");
await until((c) => c.who === 'agent' && c.name === 'updateUserPresence', 'presence');

agent.sendMessage('Hello from the seed client');
await until((c) => c.who === 'colleague' && c.name === 'addMessageToChat', 'the message at the colleague');
agent.sendTyping(true);
await until((c) => c.who === 'colleague' && c.name === 'showTypingIndicator', 'the typing indicator');
agent.markAsRead();
await until((c) => c.who === 'colleague' && c.name === 'markMessagesAsRead', 'messages read');
agent.sendMessage('   ');
await until((c) => c.who === 'agent' && c.name === 'showError', 'the error for an empty message');

// The document's error handling: close code 1008 means "redirect to login".
const badClose = await new Promise((resolve) => {
  const socket = new WebSocket(`${base}/ws/conversations/?token=not-a-token`);
  socket.onmessage = (event) => record('intruder', 'message', JSON.parse(event.data));
  socket.onclose = (event) => resolve(event.code);
});
record('intruder', 'onclose', badClose);
process.exit(0);
