"""Uses the shared kit: its import adds 'kit' here, and kit_b's does too, one registration."""
import shared_kit

RENDERER = shared_kit.Kit
