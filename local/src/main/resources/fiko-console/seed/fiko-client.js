// The client classes of the frontend's seed document, as the frontend ships them: FikoWebSocket ("Frontend
// Implementation", with its "Message Handlers"), WebSocketManager ("Auto Reconnection") and FikoChat ("Complete
// Integration Example"). The one change: the document hard-codes wss://api.fiko.net, which BASE replaces. The agent
// console runs them in the browser, SeedClientTest in Node.
export function defineSeedClasses(BASE) {
  class FikoWebSocket {
    constructor(token) {
      this.token = token;
      this.conversationsSocket = null;
      this.chatSocket = null;
      this.currentConversationId = null;
    }

    // Connect to the conversation list
    connectToConversations() {
      const wsUrl = `${BASE}/ws/conversations/?token=${this.token}`;

      this.conversationsSocket = new WebSocket(wsUrl);

      this.conversationsSocket.onopen = () => {
        console.log('✅ Connected to conversations');
        this.requestConversations();
      };

      this.conversationsSocket.onmessage = (event) => {
        this.handleConversationsMessage(JSON.parse(event.data));
      };

      this.conversationsSocket.onclose = () => {
        console.log('❌ Conversations connection closed');
        // Auto reconnect logic
        setTimeout(() => this.connectToConversations(), 3000);
      };

      this.conversationsSocket.onerror = (error) => {
        console.error('❌ Conversations WebSocket error:', error);
      };
    }

    // Connect to a specific chat
    connectToChat(conversationId) {
      if (this.chatSocket) {
        this.chatSocket.close();
      }

      this.currentConversationId = conversationId;
      const wsUrl = `${BASE}/ws/chat/${conversationId}/?token=${this.token}`;

      this.chatSocket = new WebSocket(wsUrl);

      this.chatSocket.onopen = () => {
        console.log(`✅ Connected to chat ${conversationId}`);
      };

      this.chatSocket.onmessage = (event) => {
        this.handleChatMessage(JSON.parse(event.data));
      };

      this.chatSocket.onclose = () => {
        console.log('❌ Chat connection closed');
      };
    }

    // Request the conversation list
    requestConversations() {
      if (this.conversationsSocket?.readyState === WebSocket.OPEN) {
        this.conversationsSocket.send(JSON.stringify({
          type: 'get_conversations'
        }));
      }
    }

    // Send a message
    sendMessage(content) {
      if (this.chatSocket?.readyState === WebSocket.OPEN) {
        this.chatSocket.send(JSON.stringify({
          type: 'chat_message',
          content: content
        }));
      }
    }

    // Send typing indicator
    sendTyping(isTyping) {
      if (this.chatSocket?.readyState === WebSocket.OPEN) {
        this.chatSocket.send(JSON.stringify({
          type: 'typing',
          is_typing: isTyping
        }));
      }
    }

    // Mark as read
    markAsRead() {
      if (this.chatSocket?.readyState === WebSocket.OPEN) {
        this.chatSocket.send(JSON.stringify({
          type: 'mark_read'
        }));
      }
    }

    // Handle conversation-list messages (the document's "Message Handlers")
    handleConversationsMessage(data) {
      switch (data.type) {
        case 'conversations_list':
          this.updateConversationsList(data.conversations);
          break;

        case 'new_customer_message':
          this.showNotification('New message received!');
          this.updateConversationInList(data.conversation_id);
          this.playNotificationSound();
          break;

        case 'conversation_updated':
          this.refreshConversation(data.conversation_id);
          break;

        case 'error':
          this.showError(data.error);
          break;
      }
    }

    // Handle chat messages
    handleChatMessage(data) {
      switch (data.type) {
        case 'recent_messages':
          this.loadRecentMessages(data.messages);
          break;

        case 'chat_message':
          this.addMessageToChat(data.message);
          this.scrollToBottom();
          break;

        case 'typing_indicator':
          this.showTypingIndicator(data.username, data.is_typing);
          break;

        case 'user_presence':
          this.updateUserPresence(data.user_id, data.is_online);
          break;

        case 'messages_read':
          this.markMessagesAsRead(data.user_id);
          break;

        case 'error':
          this.showError(data.error);
          break;
      }
    }
  }

  class WebSocketManager {
    constructor() {
      this.reconnectAttempts = 0;
      this.maxReconnectAttempts = 5;
      this.reconnectInterval = 3000;
    }

    attemptReconnect() {
      if (this.reconnectAttempts < this.maxReconnectAttempts) {
        this.reconnectAttempts++;

        setTimeout(() => {
          console.log(`🔄 Reconnection attempt ${this.reconnectAttempts}`);
          this.connect();
        }, this.reconnectInterval * this.reconnectAttempts);
      } else {
        console.error('❌ Max reconnection attempts reached');
        this.showConnectionError();
      }
    }

    onConnect() {
      this.reconnectAttempts = 0;
      console.log('✅ Connection restored');
    }
  }

  // Complete class for managing the WebSocket
  class FikoChat {
    constructor(token) {
      this.token = token;
      this.ws = new FikoWebSocket(token);
      this.currentConversation = null;
      this.setupEventListeners();
    }

    init() {
      // Initial connection
      this.ws.connectToConversations();

      // Request notification permission
      this.requestNotificationPermission();
    }

    setupEventListeners() {
      // Event listeners for the UI
      document.getElementById('send-button').addEventListener('click', () => {
        this.sendMessage();
      });

      document.getElementById('message-input').addEventListener('input', (e) => {
        this.handleTyping(e.target.value);
      });

      document.getElementById('message-input').addEventListener('keypress', (e) => {
        if (e.key === 'Enter' && !e.shiftKey) {
          e.preventDefault();
          this.sendMessage();
        }
      });
    }

    selectConversation(conversationId) {
      this.currentConversation = conversationId;
      this.ws.connectToChat(conversationId);
      this.updateUIForConversation(conversationId);
    }

    sendMessage() {
      const input = document.getElementById('message-input');
      const content = input.value.trim();

      if (content) {
        this.ws.sendMessage(content);
        input.value = '';
        this.ws.sendTyping(false);
      }
    }

    handleTyping(value) {
      if (value.trim()) {
        this.ws.sendTyping(true);

        // Stop typing after 1 second of inactivity
        clearTimeout(this.typingTimeout);
        this.typingTimeout = setTimeout(() => {
          this.ws.sendTyping(false);
        }, 1000);
      } else {
        this.ws.sendTyping(false);
      }
    }

    requestNotificationPermission() {
      if ('Notification' in window && Notification.permission === 'default') {
        Notification.requestPermission();
      }
    }
  }

  return { FikoWebSocket, WebSocketManager, FikoChat };
}
