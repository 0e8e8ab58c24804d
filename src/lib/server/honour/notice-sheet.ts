import QRCode from 'qrcode';
import { villageTime } from '$lib/server/ledger/display';
import { publicChainHead, type PublicChainHead } from '$lib/server/ledger/public-chain-head';

export type NoticeSheetHeader = {
	/** The online board's absolute address, printed under its QR code. */
	url: string;
	/** The QR code of `url` as an SVG element (made by the qrcode package). */
	qrSvg: string;
	head: PublicChainHead;
	/** The head entry's day and time in village time, "2026-04-01 08:00"; null without entries. */
	headAt: string | null;
};

/**
 * What the notice board adds to its heading: the QR code to the online board (for the printed
 * sheet on the village noticeboard) and the village's ledger chain head (账本指纹). `origin` is
 * the request's public origin, so the code points at this server.
 */
export async function noticeSheetHeader(
	village: { id: number; code: string },
	origin: string
): Promise<NoticeSheetHeader> {
	const url = `${origin}/notice?village=${encodeURIComponent(village.code)}`;
	const qrSvg = await QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
	const head = publicChainHead(village.id);
	return { url, qrSvg, head, headAt: head.at ? villageTime(head.at) : null };
}
