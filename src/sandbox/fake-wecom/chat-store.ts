import { randomBytes } from 'node:crypto';
import { wecomError, wecomOk } from './errcodes';
import type { WecomReply } from './fake-types';

/** An app group chat (appchat), owned by the app that created it. */
export interface AppChat {
  chatid: string;
  name: string;
  owner: string;
  userlist: string[];
  agentId: string;
}

const CHATID = /^[0-9a-zA-Z]{1,32}$/;

/** appchat/create rules (docs/wecom.md §2.9): 2–2000 known members, chatid format, owner in the list. */
export class ChatStore {
  readonly chats = new Map<string, AppChat>();

  constructor(private readonly isMember: (userId: string) => boolean) {}

  create(
    agentId: string,
    request: { chatid?: string; name?: string; owner?: string; userlist?: string[] },
  ): WecomReply {
    const userlist = request.userlist ?? [];
    if (userlist.length < 2 || userlist.length > 2000) return wecomError(86006, `${userlist.length} members`);
    const stranger = userlist.find((userId) => !this.isMember(userId));
    if (stranger !== undefined) return wecomError(86007, stranger);
    if (request.chatid !== undefined && !CHATID.test(request.chatid))
      return wecomError(86001, request.chatid);
    if (request.chatid !== undefined && this.chats.has(request.chatid))
      return wecomError(86215, request.chatid);
    const name = request.name ?? '';
    if ([...name].length > 50) return wecomError(86004);
    const owner = request.owner ?? userlist[0]!;
    if (!userlist.includes(owner)) return wecomError(86207, owner);
    const chatid = request.chatid ?? randomBytes(16).toString('hex');
    this.chats.set(chatid, { chatid, name, owner, userlist: [...userlist], agentId });
    return wecomOk({ chatid });
  }

  /** The chat when it exists (86003) and belongs to `agentId` (86008). */
  find(chatid: string | undefined, agentId: string): AppChat | WecomReply {
    if (!chatid) return wecomError(86001, 'missing chatid');
    const chat = this.chats.get(chatid);
    if (!chat) return wecomError(86003, chatid);
    if (chat.agentId !== agentId) return wecomError(86008);
    return chat;
  }
}
