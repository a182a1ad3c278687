"""Uses the shared kit too."""
import shared_kit

RENDERER = shared_kit.Kit
