from gmi_trainer.cli import main

raise SystemExit(main())
