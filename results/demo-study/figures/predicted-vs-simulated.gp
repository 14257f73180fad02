# cd to this folder, then: gnuplot predicted-vs-simulated.gp
set terminal svg size 331,364 dynamic font 'Helvetica,8'
set output 'predicted-vs-simulated.svg'
set datafile separator '\t'
set datafile missing 'NaN'
set grid ytics lc rgb 'gray80'
set title 'Predicted against simulated energy per inference' noenhanced
set xlabel 'simulated energy per inference (mJ)' noenhanced
set ylabel 'predicted energy per inference (mJ)' noenhanced
set yrange [0:*]
set logscale xy
set yrange [*:*]
set format xy '%g'
set key top left
set size square
set xtics nomirror rotate by -45
plot 'predicted-vs-simulated.dat' index 0 using 1:2 with points lc rgb '#000000' dt 1 pt 7 ps 0.8 title 'protocol-aware model' noenhanced, \
     '' index 1 using 1:2 with points lc rgb '#0072B2' dt 2 pt 5 ps 0.8 title 'paper model (energy per bit)' noenhanced, \
     x with lines dt 2 lc rgb 'gray40' title 'y = x'
set terminal pngcairo size 1035,1138 font 'Helvetica,8' fontscale 3.125 linewidth 3.125
set output 'predicted-vs-simulated.png'
replot
set terminal pdfcairo size 3.45in,3.80in font 'Helvetica,8' linewidth 1
set output 'predicted-vs-simulated.pdf'
replot
unset output
