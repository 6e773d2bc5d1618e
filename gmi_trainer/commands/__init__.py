"""The command line's sub-commands, one module each; `gmi_trainer.cli` puts them together.
The top layer: these modules may import any area, and no area imports them."""
