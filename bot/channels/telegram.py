"""Telegram through python-telegram-bot: the transport only. Flows live in handlers/.

One update in → one `dispatch` (which commits) → replies out. Choices become inline
keyboards; files go out as documents. The command menu is set per role and language.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from telegram import (
    BotCommand,
    BotCommandScopeChat,
    BotCommandScopeDefault,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputFile,
    Update,
)
from telegram.constants import ChatType, MessageLimit
from telegram.error import TelegramError
from telegram.ext import AIORateLimiter, Application, ApplicationBuilder, ContextTypes, TypeHandler

from bot.channels.plain import split_message
from bot.dispatch import Runtime, Sender, dispatch
from bot.log_refs import chat_ref
from handlers.texts import commands_for
from handlers.types import EDITED, Capabilities, Inbound, InFile, Reply

if TYPE_CHECKING:
    from typing import TypeAlias

    AnyApplication: TypeAlias = Application[Any, Any, Any, Any, Any, Any]

log = logging.getLogger(__name__)
CHANNEL = "telegram"
CAPS = Capabilities()  # buttons, deep links, files both ways
MAX_FILE_BYTES = 20 * 1024 * 1024  # what getFile allows a bot to download
# Updates handled at once. PTB's `concurrent_updates(True)` means 256, more than the database
# serves (SQLite has one writer, the async pool 15 connections), so the rest only queue on locks
# until SQLite's busy timeout answers "database is locked"; and httpcore's pool costs
# O(connections²) per request (encode/httpcore#1035). On bench/chat.py a bare echo bot's median
# handler time fell from 1.4 s at 256 to 0.09 s at 16, at a higher rate.
MAX_CONCURRENT_UPDATES = 16


def inbound_from_update(update: Update) -> Inbound | None:
    """The plain event behind a Telegram update, or None for updates we do not answer."""
    if update.callback_query is not None:
        return Inbound(choice=update.callback_query.data or "")
    if update.edited_channel_post is not None or update.channel_post is not None:
        return None  # channel posts have no person behind them to answer, edited or not
    if update.edited_message is not None or update.edited_business_message is not None:
        # An edit is not new input: the first version was already handled; say so instead.
        return Inbound(unsupported=EDITED) if update.effective_user is not None else None
    message = update.effective_message
    if message is None or update.effective_user is None or update.effective_user.is_bot:
        return None
    if message.text is not None:
        return Inbound(text=message.text)
    if message.document is not None:
        doc = message.document

        async def fetch() -> bytes:
            return bytes(await (await doc.get_file()).download_as_bytearray())

        return Inbound(file=InFile(name=doc.file_name or "tep", size=doc.file_size or 0, fetch=fetch,
                                   ref=doc.file_id))
    kind = next((k for k in ("photo", "sticker", "voice", "video", "audio", "location", "contact")
                 if getattr(message, k, None)), "other")
    return Inbound(unsupported=kind)


def addressed_to_bot(update: Update, bot_id: int, bot_username: str) -> bool:
    """In a group: a button press, a command (not one for another bot), a mention of the bot, or a
    reply to it. Those get the group note; the rest of a group's talk is not for the bot."""
    if update.callback_query is not None:
        return True
    message = update.effective_message
    if message is None:
        return False
    text = message.text or ""
    if text.startswith("/"):
        command = text.split(maxsplit=1)[0]
        return "@" not in command or command.split("@", 1)[1].lower() == bot_username.lower()
    if bot_username and f"@{bot_username}".lower() in text.lower():
        return True
    replied = message.reply_to_message
    return replied is not None and replied.from_user is not None and replied.from_user.id == bot_id


def keyboard(reply: Reply) -> InlineKeyboardMarkup | None:
    if not reply.choices:
        return None
    return InlineKeyboardMarkup([[InlineKeyboardButton(c.label[:60], callback_data=c.key[:64])]
                                 for c in reply.choices])


async def send_replies(bot: Any, chat_id: int | str, replies: list[Reply]) -> None:
    """Send each reply; long texts are split at line breaks, the buttons go on the last piece."""
    for reply in replies:
        pieces = split_message(reply.text, MessageLimit.MAX_TEXT_LENGTH)
        for i, piece in enumerate(pieces):
            markup = keyboard(reply) if i == len(pieces) - 1 else None
            if piece.strip():
                await bot.send_message(chat_id=chat_id, text=piece, reply_markup=markup)
        if reply.file is not None:
            await bot.send_document(chat_id=chat_id, document=InputFile(reply.file.data, filename=reply.file.name))


class TelegramChannel:
    """Glue between PTB's Application and our dispatch."""

    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime
        runtime.on_role_change = self._set_menu_for_chat
        self._bot: Any = None

    async def on_update(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Every update: to a plain event, through the flows, replies back."""
        self._bot = context.bot
        inbound = inbound_from_update(update)
        chat, user = update.effective_chat, update.effective_user
        if inbound is None or chat is None or user is None:
            return
        if update.callback_query is not None:
            try:
                await update.callback_query.answer()
            except TelegramError:
                log.info("could not answer a callback query (it may be too old)")
        private = chat.type == ChatType.PRIVATE
        if not private and not addressed_to_bot(update, context.bot.id, context.bot.username or ""):
            return  # people talking to each other in a group: not ours to answer
        sender = Sender(channel=CHANNEL, chat_id=str(chat.id), user_id=str(user.id),
                        user_name=user.full_name or user.username or str(user.id), private=private)
        replies = await dispatch(self.runtime, sender, inbound, update_key=str(update.update_id), caps=CAPS,
                                 bot_id=str(context.bot.id))
        await send_replies(context.bot, chat.id, replies)

    async def _set_menu_for_chat(self, sender: Sender, role: str) -> None:
        if self._bot is None or sender.channel != CHANNEL:  # the runtime is shared with the other channels
            return
        try:
            for lang in ("vi", "en"):
                await self._bot.set_my_commands(
                    [BotCommand(c, d) for c, d in commands_for(role, lang)],
                    scope=BotCommandScopeChat(int(sender.chat_id)),
                    language_code=None if lang == "vi" else lang,
                )
        except (TelegramError, ValueError):
            log.warning("could not set the command menu for chat %s", chat_ref("telegram", sender.chat_id),
                        exc_info=True)

    async def post_init(self, application: AnyApplication) -> None:
        """Set the default (guest) command menu; a failure is logged, never fatal."""
        self._bot = application.bot
        try:
            for lang in ("vi", "en"):
                await application.bot.set_my_commands(
                    [BotCommand(c, d) for c, d in commands_for(None, lang)],
                    scope=BotCommandScopeDefault(), language_code=None if lang == "vi" else lang,
                )
        except TelegramError:
            log.warning("could not set the default command menu", exc_info=True)

    async def on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        log.error("error while handling an update", exc_info=context.error)


def build_application(runtime: Runtime, token: str, *, base_url: str = "", base_file_url: str = "",
                      rate_limit: bool = True) -> AnyApplication:
    """PTB's Application with our single update handler, the rate limiter and a local base URL if set."""
    channel = TelegramChannel(runtime)
    # Any for the bot type: PTB types a builder with a rate limiter as another ExtBot than one without.
    builder: ApplicationBuilder[Any, Any, Any, Any, Any, Any] = (
        ApplicationBuilder().token(token).post_init(channel.post_init).concurrent_updates(MAX_CONCURRENT_UPDATES))
    if rate_limit:
        builder = builder.rate_limiter(AIORateLimiter(max_retries=3))
    if base_url:
        builder = builder.base_url(base_url)
        builder = builder.base_file_url(base_file_url or base_url.replace("/bot", "/file/bot"))
    application = builder.build()
    application.add_handler(TypeHandler(Update, channel.on_update))
    application.add_error_handler(channel.on_error)
    return application
