// The agent console: the seed document's FikoWebSocket, WebSocketManager and FikoChat, unchanged, with the UI their
// handlers call into and the protocol's extensions (status, assignee, delivery status, presence, paging, resume)
// layered on top. Every text from a customer or an agent is set as text, never parsed as HTML.
import { defineSeedClasses } from '../seed/fiko-client.js';

const byId = (id) => document.getElementById(id);
const config = await (await fetch('config.json' + location.search)).json();
if (config.error) {
  document.body.textContent = config.error;
  throw new Error(config.error);
}
const { FikoWebSocket, WebSocketManager, FikoChat } = defineSeedClasses(config.gateway);

const state = {
  conversations: new Map(), // id -> the list's entry
  messages: new Map(), // id -> message of the open chat
  hasMore: false,
  present: new Map(), // user id -> name, of the open chat
  agents: [],
  lastFrame: null,
};

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

function filters() {
  const chosen = { status: byId('filter-status').value, assignee: byId('filter-assignee').value };
  if (byId('filter-source').value) chosen.source = byId('filter-source').value;
  if (byId('filter-search').value.trim()) chosen.search = byId('filter-search').value.trim();
  if (byId('filter-unread').checked) chosen.unread_only = true;
  return chosen;
}

// What the list shows must still match the filters after a live update changed an entry.
function matches(conversation) {
  const f = filters();
  if (f.status && conversation.status !== f.status) return false;
  if (f.source && conversation.source !== f.source) return false;
  if (f.unread_only && !conversation.unread_count) return false;
  const assignee = conversation.assignee ? String(conversation.assignee.user_id) : null;
  if (f.assignee === 'mine' && assignee !== String(config.user_id)) return false;
  if (f.assignee === 'unassigned' && assignee) return false;
  if (f.search && !(conversation.title || '').toLowerCase().includes(f.search.toLowerCase())) return false;
  return true;
}

function renderList() {
  const container = byId('conversations-list');
  container.innerHTML = '';
  const entries = [...state.conversations.values()]
    .filter(matches)
    .sort((a, b) => (b.updated_at || '').localeCompare(a.updated_at || ''));
  for (const conversation of entries) {
    const item = element('li', 'conversation');
    item.dataset.conversationId = conversation.id;
    item.dataset.testid = 'conversation';
    if (ui.chat && ui.chat.currentConversation === conversation.id) item.classList.add('selected');
    const top = element('div', 'row');
    top.append(element('span', 'title', conversation.title));
    if (conversation.unread_count) top.append(element('span', 'unread', conversation.unread_count));
    const bottom = element('div', 'row meta');
    bottom.append(element('span', 'preview', conversation.last_message?.content ?? ''));
    bottom.append(element('span', 'chip status-' + conversation.status, conversation.status));
    if (conversation.assignee) bottom.append(element('span', 'chip assignee', '→ ' + conversation.assignee.username));
    item.append(top, bottom);
    item.addEventListener('click', () => ui.chat.selectConversation(conversation.id));
    container.append(item);
  }
}

function upsertConversation(conversation) {
  if (!conversation?.id) return;
  state.conversations.set(conversation.id, { ...state.conversations.get(conversation.id), ...conversation });
  renderList();
  if (ui.chat?.currentConversation === conversation.id) renderHeader();
}

function statusText(message) {
  if (message.type !== 'support') return '';
  const result = message.external_send_result;
  if (message.status === 'failed') return '✗ failed' + (result?.error ? ': ' + result.error : '');
  if (message.status === 'sent' || message.status === 'delivered') return '✓ ' + message.status;
  return '… ' + (message.status || 'pending');
}

// A file opens at its connector's media endpoint with the agent's token (an <img> sends no header); a location's url
// is a map. Only http(s) URLs are used, and every caption is text.
function mediaUrl(attachment) {
  if (!/^https?:\/\//.test(attachment.url ?? '')) return null;
  if (attachment.kind === 'location') return attachment.url;
  return attachment.url + (attachment.url.includes('?') ? '&' : '?') + 'token=' + encodeURIComponent(config.token);
}

// Instagram's attachments come with Meta's types; they are drawn as Telegram's kinds.
const META_KINDS = { image: 'photo', audio: 'voice', file: 'document' };

function renderAttachment(given) {
  const attachment = { ...given, kind: META_KINDS[given.kind] ?? given.kind };
  const box = element('div', 'attachment ' + attachment.kind);
  box.dataset.testid = 'attachment';
  const url = mediaUrl(attachment);
  const type = attachment.mime_type ?? '';
  let shown = null;
  if (url && (attachment.kind === 'photo' || (attachment.kind === 'sticker' && !type.startsWith('video/'))
      || (attachment.kind === 'animation' && type.startsWith('image/')))) {
    shown = element('img');
    shown.alt = attachment.caption ?? attachment.kind;
  } else if (url && (attachment.kind === 'voice' || attachment.kind === 'audio')) {
    shown = element('audio');
    shown.controls = true;
  } else if (url && ['video', 'video_note', 'animation', 'sticker'].includes(attachment.kind)) {
    shown = element('video');
    shown.controls = true;
  }
  if (shown) {
    shown.src = url;
    shown.preload = 'metadata';
    box.append(shown);
  } else {
    const label = attachment.kind === 'location'
      ? '📍 ' + (attachment.location?.title ?? attachment.caption ?? 'Location')
      : '📎 ' + (attachment.file_name ?? attachment.caption ?? attachment.kind);
    const link = element(url ? 'a' : 'span', 'file', label);
    if (url) {
      link.href = url;
      link.target = '_blank';
      link.rel = 'noopener noreferrer';
    }
    box.append(link);
  }
  // A caption is the message's text, shown below; a sticker's is its emoji.
  if (attachment.kind === 'sticker' && attachment.caption) box.append(element('div', 'caption', attachment.caption));
  return box;
}

function renderMessages() {
  const list = byId('message-items');
  list.innerHTML = '';
  const ordered = [...state.messages.values()].sort((a, b) => (a.sequence ?? 0) - (b.sequence ?? 0));
  for (const message of ordered) {
    const item = element('li', 'message ' + message.type);
    item.dataset.messageId = message.id;
    item.dataset.testid = 'message';
    for (const attachment of message.attachments ?? []) item.append(renderAttachment(attachment));
    if (message.content) item.append(element('div', 'content', message.content));
    const who = message.type === 'support' ? message.sender?.username ?? 'Agent' : state.customerName;
    const meta = element('div', 'meta', [who, new Date(message.created_at).toLocaleTimeString()].join(' · '));
    const status = statusText(message);
    if (status) meta.append(element('span', 'delivery ' + message.status, ' ' + status));
    item.append(meta);
    list.append(item);
  }
  byId('load-older').hidden = !state.hasMore;
}

function renderHeader() {
  const conversation = state.conversations.get(ui.chat.currentConversation) ?? {};
  byId('chat-title').textContent = conversation.title ?? ui.chat.currentConversation;
  byId('chat-status').textContent = conversation.status ?? '';
  byId('chat-assignee').textContent = conversation.assignee ? 'Assigned to ' + conversation.assignee.username : 'Unassigned';
  byId('resolve-button').hidden = conversation.status === 'resolved';
  byId('reopen-button').hidden = conversation.status !== 'resolved';
  state.customerName = conversation.customer
    ? [conversation.customer.first_name, conversation.customer.last_name].filter(Boolean).join(' ')
    : 'Customer';
}

function renderPresence() {
  const names = [...state.present.values()];
  byId('presence').textContent = names.length ? 'Also here: ' + names.join(', ') : 'Nobody else here';
}

function showToast(text) {
  const toast = byId('toast');
  toast.textContent = text;
  toast.hidden = false;
  clearTimeout(showToast.timer);
  showToast.timer = setTimeout(() => (toast.hidden = true), 4000);
}

// The UI the seed's handlers call into (its "UI Integration Examples"), on the seed's own class.
Object.assign(FikoWebSocket.prototype, {
  requestConversations() {
    if (this.conversationsSocket?.readyState === WebSocket.OPEN) {
      // The seed's request with the console's filters, an extension of the frame.
      this.conversationsSocket.send(JSON.stringify({ type: 'get_conversations', filters: filters(), page_size: 100 }));
      this.conversationsSocket.send(JSON.stringify({ type: 'get_online_agents' }));
    }
  },
  updateConversationsList(conversations) {
    state.conversations = new Map(conversations.map((c) => [c.id, c]));
    renderList();
  },
  showNotification(message) {
    showToast(message);
  },
  updateConversationInList() {
    // The entry itself comes with the frame (handled in the extensions below).
  },
  playNotificationSound() {},
  refreshConversation() {},
  showError(error) {
    const bar = byId('error-bar');
    bar.textContent = state.lastFrame?.message ? `${error}: ${state.lastFrame.message}` : error;
    bar.hidden = false;
    clearTimeout(this.errorTimer);
    this.errorTimer = setTimeout(() => (bar.hidden = true), 6000);
  },
  loadRecentMessages(messages) {
    // A join, an older page or a resume: all merge by id and show in sequence order.
    for (const message of messages) state.messages.set(message.id, { ...state.messages.get(message.id), ...message });
    state.hasMore = Boolean(state.lastFrame?.has_more);
    renderMessages();
  },
  addMessageToChat(message) {
    state.messages.set(message.id, { ...state.messages.get(message.id), ...message });
    renderMessages();
    if (message.type === 'customer' && !document.hidden) this.markAsRead();
  },
  scrollToBottom() {
    const box = byId('chat-messages');
    box.scrollTop = box.scrollHeight;
  },
  showTypingIndicator(username, isTyping) {
    const indicator = byId('typing-indicator');
    if (isTyping) {
      indicator.textContent = `${username} is typing...`;
      indicator.style.display = 'block';
    } else {
      indicator.style.display = 'none';
    }
  },
  updateUserPresence(userId, isOnline) {
    if (isOnline) state.present.set(String(userId), state.lastFrame?.username ?? String(userId));
    else state.present.delete(String(userId));
    renderPresence();
  },
  markMessagesAsRead(userId) {
    if (String(userId) === String(config.user_id)) return;
    const name = state.present.get(String(userId)) ?? state.lastFrame?.username ?? String(userId);
    byId('read-marks').textContent = `Read by ${name} at ${new Date().toLocaleTimeString()}`;
  },
});

// The protocol's extensions: each frame goes to the seed's handler first, then here.
const seedList = FikoWebSocket.prototype.handleConversationsMessage;
FikoWebSocket.prototype.handleConversationsMessage = function (data) {
  state.lastFrame = data;
  seedList.call(this, data);
  if (data.type === 'new_customer_message' || data.type === 'conversation_updated') upsertConversation(data.conversation);
  if (data.type === 'online_agents') {
    state.agents = data.agents;
    const select = byId('assign-to');
    select.length = 1;
    for (const agent of data.agents) {
      const option = element('option', null, agent.username);
      option.value = JSON.stringify(agent.user_id);
      select.append(option);
    }
  }
};

const seedChat = FikoWebSocket.prototype.handleChatMessage;
FikoWebSocket.prototype.handleChatMessage = function (data) {
  state.lastFrame = data;
  seedChat.call(this, data);
  switch (data.type) {
    case 'recent_messages':
      chatReconnect.onConnect();
      this.markAsRead();
      break;
    case 'chat_message':
      if (data.external_send_result) {
        // The platform's answer rides on the frame: the message's own status may still say pending.
        const message = state.messages.get(data.message.id);
        message.external_send_result = data.external_send_result;
        if (data.external_send_result.status) message.status = data.external_send_result.status;
        renderMessages();
      }
      break;
    case 'message_status': {
      const message = state.messages.get(data.message_id);
      if (message) {
        message.status = data.status;
        message.external_send_result = data.external_send_result;
        renderMessages();
      }
      break;
    }
    case 'message_edited':
      this.addMessageToChat(data.message);
      break;
    case 'chat_presence':
      state.present = new Map(data.users.map((u) => [String(u.user_id), u.username]));
      renderPresence();
      break;
    case 'conversation_status_changed':
      upsertConversation({ id: data.conversation_id, status: data.status, snoozed_until: data.snoozed_until });
      break;
    case 'conversation_assigned':
      upsertConversation({ id: data.conversation_id, assignee: data.assignee ?? null });
      break;
  }
};

// The chat socket comes back by itself with ?since= the last message it had, through the seed's WebSocketManager.
class ChatReconnect extends WebSocketManager {
  connect() {
    ui.chat.ws.resumeChat();
  }
  showConnectionError() {
    byId('chat-connection').textContent = 'Chat disconnected: reopen the conversation';
  }
}
const chatReconnect = new ChatReconnect();

const seedConnectToChat = FikoWebSocket.prototype.connectToChat;
const seedConnectToConversations = FikoWebSocket.prototype.connectToConversations;
Object.assign(FikoWebSocket.prototype, {
  connectToConversations() {
    seedConnectToConversations.call(this);
    // The seed reconnects the list by itself; a token that expired (1008) is renewed first, as a login would.
    this.conversationsSocket.addEventListener('close', async (event) => {
      if (event.code === 1008) this.token = (await (await fetch('config.json' + location.search)).json()).token;
    });
  },
  connectToChat(conversationId) {
    seedConnectToChat.call(this, conversationId);
    watchChat(this, this.chatSocket);
  },
  resumeChat() {
    const newest = [...state.messages.values()].sort((a, b) => (b.sequence ?? 0) - (a.sequence ?? 0))[0];
    const since = newest ? `&since=${encodeURIComponent(newest.id)}` : '';
    const socket = new WebSocket(`${config.gateway}/ws/chat/${this.currentConversationId}/?token=${this.token}${since}`);
    socket.onmessage = (event) => this.handleChatMessage(JSON.parse(event.data));
    this.chatSocket = socket;
    watchChat(this, socket);
  },
});

function watchChat(ws, socket) {
  socket.addEventListener('close', (event) => {
    if (socket !== ws.chatSocket) return; // closed because another chat was opened
    if (event.code === 1008 || event.code === 4404) {
      ws.showError(event.code === 1008 ? 'Authentication required' : 'Conversation not found');
      return;
    }
    chatReconnect.attemptReconnect();
  });
}

// The seed's FikoChat drives the composer (#message-input, #send-button), typing and the list socket.
class ConsoleChat extends FikoChat {
  updateUIForConversation(conversationId) {
    state.messages = new Map();
    state.present = new Map();
    state.hasMore = false;
    byId('chat').hidden = false;
    byId('read-marks').textContent = '';
    byId('typing-indicator').style.display = 'none';
    renderHeader();
    renderMessages();
    renderPresence();
    renderList();
    this.ws.markAsRead();
  }
}

const ui = {};
ui.chat = new ConsoleChat(config.token);
ui.chat.init();

const send = (frame) => {
  if (ui.chat.ws.chatSocket?.readyState === WebSocket.OPEN) ui.chat.ws.chatSocket.send(JSON.stringify(frame));
};
// A file goes to the conversation's connector first; its answer, as it came, rides on chat_message with the text as
// its caption. A refusal (a disguised file, one too large) shows its reason.
byId('attach-input').addEventListener('change', async (event) => {
  const file = event.target.files[0];
  event.target.value = '';
  const source = state.conversations.get(ui.chat.currentConversation)?.source;
  const uploads = config.uploads?.[source];
  if (!file || !uploads) {
    if (file) showToast('Files cannot be sent in this conversation');
    return;
  }
  const answer = await fetch(uploads + '?name=' + encodeURIComponent(file.name), {
    method: 'POST',
    headers: { Authorization: 'Bearer ' + config.token, 'Content-Type': file.type || 'application/octet-stream' },
    body: file,
  });
  const body = await answer.json().catch(() => ({}));
  if (answer.status !== 201) {
    showToast(body.message ?? 'The file could not be sent');
    return;
  }
  const input = byId('message-input');
  send({ type: 'chat_message', content: input.value.trim(), attachments: [body], client_msg_id: crypto.randomUUID() });
  input.value = '';
});
byId('resolve-button').addEventListener('click', () => send({ type: 'resolve_conversation' }));
byId('reopen-button').addEventListener('click', () => send({ type: 'reopen_conversation' }));
byId('assign-me-button').addEventListener('click', () => send({ type: 'assign_conversation' }));
byId('unassign-button').addEventListener('click', () => send({ type: 'unassign_conversation' }));
byId('assign-to').addEventListener('change', (event) => {
  if (event.target.value) send({ type: 'assign_conversation', user_id: JSON.parse(event.target.value) });
  event.target.value = '';
});
byId('load-older').addEventListener('click', () => {
  const oldest = [...state.messages.values()].sort((a, b) => (a.sequence ?? 0) - (b.sequence ?? 0))[0];
  if (oldest) send({ type: 'load_more_messages', before: oldest.id, limit: 50 });
});
let filtering;
const filtersChanged = () => {
  renderList();
  clearTimeout(filtering);
  filtering = setTimeout(() => ui.chat.ws.requestConversations(), 250);
};
byId('filters').addEventListener('input', filtersChanged);
byId('filters').addEventListener('change', filtersChanged);
byId('filters').addEventListener('submit', (event) => event.preventDefault());
byId('agent').textContent = `${config.username} (agent ${config.user_id}, tenant ${config.tenant})`;

// Connection status, as the seed's "User Experience" shows it.
setInterval(() => {
  const list = ui.chat.ws.conversationsSocket?.readyState === WebSocket.OPEN;
  const indicator = byId('connection-status');
  indicator.className = list ? 'connected' : 'disconnected';
  indicator.textContent = list ? 'Online' : 'Offline';
  if (ui.chat.currentConversation) {
    const open = ui.chat.ws.chatSocket?.readyState === WebSocket.OPEN;
    if (open || !byId('chat-connection').textContent.startsWith('Chat disconnected')) {
      byId('chat-connection').textContent = open ? 'Chat connected' : 'Chat reconnecting…';
    }
  }
}, 500);
