#!/usr/bin/python3
"""A real SMTP server on loopback for the tests (Debian's python3-aiosmtpd), writing each
message it accepts to a folder, one file per message, exactly as received.

    /usr/bin/python3 Tests/mail/smtp-server.py PORT FOLDER [--delay SECONDS] [--refuse-rcpt PREFIX]

--delay waits before answering DATA (a slow relay, so that a worker can be killed while it
sends); --refuse-rcpt answers 550 for recipients starting with PREFIX (a refused address).
It prints "ready" when it listens and runs until it is killed.
"""
import argparse, asyncio, os, signal, sys, time

from aiosmtpd.controller import Controller


class Keeper:
    def __init__(self, folder, delay, refuse):
        self.folder, self.delay, self.refuse = folder, delay, refuse
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.refuse and address.startswith(self.refuse):
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            await asyncio.sleep(self.delay)
        self.count += 1
        name = f"{time.time_ns()}-{os.getpid()}-{self.count}.eml"
        temporary = os.path.join(self.folder, "." + name)
        with open(temporary, "wb") as out:
            out.write(f"X-Envelope-From: {envelope.mail_from}\r\n".encode())
            out.write(f"X-Envelope-To: {','.join(envelope.rcpt_tos)}\r\n".encode())
            out.write(envelope.original_content)
        os.rename(temporary, os.path.join(self.folder, name))
        return "250 OK queued"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("port", type=int)
    parser.add_argument("folder")
    parser.add_argument("--delay", type=float, default=0)
    parser.add_argument("--refuse-rcpt", default="")
    args = parser.parse_args()
    os.makedirs(args.folder, exist_ok=True)
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGINT})
    controller = Controller(Keeper(args.folder, args.delay, args.refuse_rcpt), hostname="127.0.0.1", port=args.port)
    controller.start()
    print("ready", flush=True)
    signal.sigwait({signal.SIGTERM, signal.SIGINT})
    controller.stop()


if __name__ == "__main__":
    main()
