from algoitny_tui.cli import main

raise SystemExit(main())
